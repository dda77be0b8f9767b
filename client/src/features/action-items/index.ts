/** What other features may use of this one: they import it from here, never from its files. */
export { actionItemsApi } from './api/action-items-api.ts';
export { ActionItemCreator } from './components/action-item-editor.tsx';
export { sortActionItems } from './hooks/list-params.ts';
export { allowedClassifications } from './hooks/permissions.ts';
export { useActionItems, useCreateActionItem } from './hooks/use-action-items.ts';
