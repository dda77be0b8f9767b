import { useNavigate } from 'react-router';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';

/** One bar: its label, its value and the filtered list it stands for. */
export interface ChartBar {
  key: string;
  label: string;
  value: number;
  to: string;
}

const ROW_HEIGHT = 28;

/**
 * A horizontal bar chart; a bar opens its list. Keyboard and screen-reader users have the same
 * links in the table beside it, so the chart itself is not a tab stop.
 */
export function OverviewChart({ bars }: { bars: ChartBar[] }) {
  const navigate = useNavigate();
  return (
    <ResponsiveContainer width="100%" height={bars.length * ROW_HEIGHT + 32}>
      <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 12, bottom: 4, left: 4 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="label" width={110} tick={{ fontSize: 12 }} />
        <Bar
          dataKey="value"
          fill="var(--c-primary)"
          cursor="pointer"
          isAnimationActive={false}
          onClick={(entry: { payload?: ChartBar }) => {
            if (entry.payload) void navigate(entry.payload.to);
          }}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
