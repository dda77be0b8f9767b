/** The form kit shared by every form of the client: field rows, selects, submit bar, errors by code. */
export { ClassificationOptions, ClassificationSelect, levelsUpTo } from './classification-select.tsx';
export {
  CheckField,
  controlProps,
  DateField,
  describedBy,
  FieldExtras,
  FieldRow,
  FormError,
  focusFirstError,
  SelectField,
  TextAreaField,
  TextField,
} from './field.tsx';
export { type RefusalTexts, refusalErrors } from './form-errors.ts';
export { InlineField, InlineForm, InlineInput, InlineSelect, InlineSubmit } from './inline-field.tsx';
export { SubmitBar } from './submit-bar.tsx';
export { type FieldBinding, type FieldErrors, useFormValues } from './use-form-values.ts';
