import { useTranslation } from 'react-i18next';
import { ClassificationOptions, type FieldBinding, SelectField, TextField } from '../../../lib/ui/form/index.ts';

/**
 * The fields of a person that both the create and the edit form have: name, agency, clearance.
 * `creating` adds the agency's hint; `ownAccount` locks the clearance (nobody changes their own:
 * the server answers 403 self_change).
 */
export function PersonFields({
  field,
  creating,
  ownAccount,
}: {
  field: (name: 'name' | 'agency' | 'clearance') => FieldBinding;
  creating?: boolean;
  ownAccount?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField {...field('name')} label={t('admin.users.name')} required maxLength={200} />
      <TextField
        {...field('agency')}
        label={t('admin.users.agency')}
        required
        maxLength={40}
        {...(creating ? { autoCapitalize: 'characters', hint: t('admin.users.agencyHint') } : {})}
      />
      <SelectField {...field('clearance')} label={t('admin.users.clearance')} disabled={ownAccount}>
        <ClassificationOptions />
      </SelectField>
    </>
  );
}
