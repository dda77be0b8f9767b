import {
  NOTIFICATION_DELIVERIES,
  NOTIFICATION_KINDS,
  type NotificationDelivery,
  type NotificationKind,
  type NotificationPreferences,
} from '@sidang/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError, refusalErrors, SelectField, SubmitBar, useFormValues } from '../../../lib/ui/form/index.ts';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { useNotificationPreferences, useSaveNotificationPreferences } from '../hooks/use-preferences.ts';
import '../load-strings.ts';
import '../notifications.css';

type Choices = Record<NotificationKind, NotificationDelivery>;
type Group = 'action' | 'meeting' | 'minutes' | 'other';
const GROUPS: readonly Group[] = ['action', 'meeting', 'minutes', 'other'];

/** The section a kind is listed in, from its name: a new kind finds its place without an edit here. */
function groupOf(kind: NotificationKind): Group {
  const [area] = kind.split('.');
  if (area === 'action' || area === 'minutes') return area;
  return area === 'meeting' || area === 'paper' ? 'meeting' : 'other';
}

/** Every kind with its delivery: what the server answered, a kind it did not name as the default it applies. */
function choicesOf(saved: NotificationPreferences): Choices {
  return Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, saved.kinds[kind] ?? 'in-app'])) as Choices;
}

function PreferencesForm({ saved }: { saved: NotificationPreferences }) {
  const { t } = useTranslation();
  const form = useFormValues<Choices>(() => choicesOf(saved));
  const save = useSaveNotificationPreferences();
  const [done, setDone] = useState(false);
  const options = NOTIFICATION_DELIVERIES.map((delivery) => ({ value: delivery, label: t(`notifications.delivery.${delivery}`) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const before = choicesOf(saved);
    const kinds = Object.fromEntries(
      NOTIFICATION_KINDS.filter((kind) => form.values[kind] !== before[kind]).map((kind) => [kind, form.values[kind]]),
    );
    save.mutate(
      { kinds },
      {
        onSuccess: (next) => {
          form.setValues(choicesOf(next));
          setDone(true);
        },
        onError: (error) =>
          form.fail(
            refusalErrors(t, error, {
              invalid: t('notifications.preferences.invalid'),
              conflict: t('notifications.preferences.conflict'),
              gone: t('notifications.preferences.gone'),
            }),
          ),
      },
    );
  };

  // A refusal names `kinds` (the map) or a kind: both are shown above the form.
  const { form: formError, ...fieldErrors } = form.errors;
  return (
    <form className="notification-preferences" onSubmit={submit} noValidate aria-labelledby="page-title">
      <FormError message={[formError, ...Object.values(fieldErrors)].filter(Boolean).join(' ')} />
      {done && (
        <p className="notice notice--ok" role="status">
          {t('notifications.preferences.saved')}
        </p>
      )}
      {GROUPS.map((group) => (
        <fieldset key={group} className="notification-preferences__group">
          <legend>{t(`notifications.preferences.groups.${group}`)}</legend>
          {NOTIFICATION_KINDS.filter((kind) => groupOf(kind) === group).map((kind) => (
            <SelectField
              key={kind}
              {...form.field(kind)}
              onChange={(event) => {
                setDone(false);
                form.set(kind, event.target.value as NotificationDelivery);
              }}
              label={t(`notifications.kinds.${kind}`)}
              options={options}
              data-testid={`preference-${kind}`}
            />
          ))}
        </fieldset>
      ))}
      <SubmitBar
        label={t('notifications.preferences.save')}
        pending={save.isPending}
        pendingLabel={t('notifications.preferences.saving')}
        cancelLabel={t('notifications.preferences.undo')}
        onCancel={() => {
          form.setValues(choicesOf(saved));
          form.setErrors({});
        }}
        testId="preferences-save"
      />
    </form>
  );
}

/** `/settings/notifications`: per kind of notification, in the app only, e-mail at once, the daily digest, or off. */
export function NotificationPreferencesPage() {
  const { t } = useTranslation();
  const preferences = useNotificationPreferences();
  return (
    <section className="notification-settings" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('notifications.preferences.title')}</h1>
      </header>
      <p className="muted">{t('notifications.preferences.intro')}</p>
      {preferences.isPending ? (
        <p className="muted" role="status">
          {t('app.loading')}
        </p>
      ) : preferences.isError ? (
        <RetryNotice message={t('notifications.preferences.loadFailed')} onRetry={() => void preferences.refetch()} />
      ) : (
        <PreferencesForm saved={preferences.data} />
      )}
    </section>
  );
}
