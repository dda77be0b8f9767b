import { describe, expect, it } from '@jest/globals';
import { render, screen, waitFor } from '@testing-library/react';
import { useAfterFirstPaint } from './after-next-paint.ts';

function Probe({ id }: { id: string }) {
  const ready = useAfterFirstPaint();
  return <p data-testid={id}>{ready ? 'painted' : 'first'}</p>;
}

// In this order, in a file of its own: whether the first screen has painted is kept for the module's lifetime.
describe(useAfterFirstPaint.name, () => {
  it('should be false in the render of the first screen and true once the browser has painted it', async () => {
    render(<Probe id="first" />);
    expect(screen.getByTestId('first')).toHaveTextContent('first');
    await waitFor(() => expect(screen.getByTestId('first')).toHaveTextContent('painted'));
  });

  it('should be true at once for what mounts after the first screen has painted', () => {
    render(<Probe id="later" />);
    expect(screen.getByTestId('later')).toHaveTextContent('painted');
  });
});
