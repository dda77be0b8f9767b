import type { ActionItem, Classification, Member } from '@sidang/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../../lib/api/api-client.ts';
import { upsertActionItem } from '../../../lib/realtime/cache-apply.ts';
import { classificationToSend, type Inheritance } from '../../../lib/ui/inherited-level.tsx';
import {
  type ActionItemChanges,
  type ActionItemFields,
  changedFields,
  type FieldErrors,
  fieldErrorsFromServer,
  formStateFrom,
} from '../hooks/form-values.ts';
import { useCreateActionItem, useUpdateActionItem } from '../hooks/use-action-items.ts';
import { ActionItemForm } from './action-item-form.tsx';
import { ConflictView } from './conflict-view.tsx';
import '../action-items.css';

function useErrorMapper() {
  const { t } = useTranslation();
  return (error: unknown): FieldErrors => {
    if (isApiError(error, 400)) {
      const errors = fieldErrorsFromServer(t, error.body.issues ?? []);
      return { ...errors, form: errors.form ?? t('form.invalid') };
    }
    if (isApiError(error, 403)) return { form: t('form.forbidden') };
    return { form: t('form.failed') };
  };
}

interface CreateProps {
  committeeId: string;
  members: readonly Member[];
  clearance: Classification;
  /** Where the action was raised (a meeting's agenda item): sent with it, not a field of the form. */
  origin?: { meetingId: string; agendaItemId: string; minutesSectionId?: string };
  /** The level the origin passes on: the form starts at it, and below it asks for a reason. */
  inherited?: Inheritance;
  /** Instead of going back to the list. */
  onCancel?: () => void;
  /** Instead of opening the new action (e.g. to stay in a running meeting). */
  onCreated?: (item: ActionItem) => void;
}

/** `/c/:committeeId/actions/new` once its data is loaded. */
export function ActionItemCreator({ committeeId, members, clearance, origin, inherited, onCancel, onCreated }: CreateProps) {
  const navigate = useNavigate();
  const create = useCreateActionItem(committeeId);
  const mapError = useErrorMapper();
  const [errors, setErrors] = useState<FieldErrors>();

  const submit = ({ classification, ...values }: ActionItemFields, declassificationReason?: string) => {
    setErrors(undefined);
    // The inherited level is left to the server, which reads the origin as it stands then.
    const level = classificationToSend(classification, inherited);
    const body = {
      ...values,
      ...origin,
      ...(level ? { classification: level } : {}),
      ...(declassificationReason ? { declassificationReason } : {}),
    };
    create.mutate(body, {
      onSuccess: (item) =>
        onCreated
          ? onCreated(item)
          : navigate(`/c/${committeeId}/actions/${item.id}`, { state: { saved: 'created' } satisfies SavedState }),
      onError: (error) => setErrors(mapError(error)),
    });
  };

  return (
    <ActionItemForm
      mode="create"
      initial={formStateFrom(inherited ? { classification: inherited.level } : undefined)}
      inherited={inherited}
      members={members}
      clearance={clearance}
      submitting={create.isPending}
      serverErrors={errors}
      onSubmit={submit}
      onCancel={onCancel ?? (() => navigate(`/c/${committeeId}/actions`))}
    />
  );
}

interface EditProps {
  item: ActionItem;
  members: readonly Member[];
  clearance: Classification;
}

interface Conflict {
  /** What the user started from (the comparison shows what moved since). */
  base: ActionItem;
  current: ActionItem;
  mine: ActionItemChanges;
}

/** Router state of the page a save leads to: it confirms the save there. */
export interface SavedState {
  saved: 'created' | 'updated';
}

/** The form after a 409: the stored record, with the user's own changes on top. */
export function mergedAfterConflict(current: ActionItem, mine: ActionItemChanges): ActionItem {
  return { ...current, ...mine } as ActionItem;
}

/**
 * `/c/:committeeId/actions/:id/edit`. Edits are based on the version loaded when the page
 * opened; a 409 shows what the other person changed and lets the user re-apply or discard.
 */
export function ActionItemEditor({ item, members, clearance }: EditProps) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const update = useUpdateActionItem(item.id);
  const mapError = useErrorMapper();
  // Frozen at open: realtime may refresh the cache meanwhile, but the diff is against what the user saw.
  const [base, setBase] = useState(item);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [errors, setErrors] = useState<FieldErrors>();
  const detailPath = `/c/${item.committeeId}/actions/${item.id}`;

  const send = (version: number, changes: ActionItemChanges) => {
    setErrors(undefined);
    update.mutate(
      { version, ...changes },
      {
        onSuccess: () => navigate(detailPath, { state: { saved: 'updated' } satisfies SavedState }),
        onError: (error) => {
          if (isApiError(error, 409) && error.body.current) {
            const current = error.body.current as ActionItem;
            upsertActionItem(queryClient, current);
            // The form now shows the stored values of what the other person changed, and the
            // user's own edits; saving from it diffs against the stored version.
            setConflict({ base: conflict?.base ?? base, current, mine: changes });
            setBase(current);
            setFormKey((key) => key + 1);
            return;
          }
          setErrors(mapError(error));
        },
      },
    );
  };

  const submit = (values: ActionItemFields) => {
    const changes = changedFields(base, values);
    if (Object.keys(changes).length === 0) {
      navigate(detailPath);
      return;
    }
    // After a conflict `base` is the stored version: saving again applies the form onto it.
    send(base.version, changes);
  };

  return (
    <div className="editor">
      {conflict && (
        <ConflictView
          base={conflict.base}
          current={conflict.current}
          mine={conflict.mine}
          members={members}
          busy={update.isPending}
          onReapply={() => send(conflict.current.version, conflict.mine)}
          onDiscard={() => {
            setConflict(null);
            navigate(detailPath);
          }}
        />
      )}
      <ActionItemForm
        key={formKey}
        mode="edit"
        initial={formStateFrom(conflict ? mergedAfterConflict(conflict.current, conflict.mine) : item)}
        members={members}
        clearance={clearance}
        submitting={update.isPending}
        serverErrors={errors}
        onSubmit={submit}
        onCancel={() => navigate(detailPath)}
      />
    </div>
  );
}
