import type { Classification, EntityRecords } from '@sidang/shared';
import { RECORD_TYPES } from '@sidang/shared';
import { type QueryKey, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useApi } from '../../lib/api/api-context.tsx';
import { CLIENT_RECORD_TYPES, pageOf } from '../../lib/records/record-types.ts';
import { type ExportableList, readAll } from './api/registers-api.ts';
import { useRecordBlocker } from './components/record-page.tsx';
import { canEditRegisters } from './components/register-ui.tsx';
import {
  changedOnly,
  clearedLevels,
  type FieldSpec,
  type FormValues,
  levelsToWire,
  type RegisterFormSubmit,
} from './components/register-values.ts';
import { useRemove, useRemoved, useWrite } from './hooks/use-registers.ts';

/** The record types that are a register of their own (a list, a page, a form). */
export type RegisterType = 'bilateral-meeting' | 'negotiation' | 'rnd-project';

/** Where each register lives: a register without an entry does not compile. */
const REGISTERS = {
  'bilateral-meeting': { key: 'bilateral', path: 'bilateral-meetings', testIdStem: 'bilateral' },
  negotiation: { key: 'negotiations', path: 'negotiations', testIdStem: 'negotiation' },
  'rnd-project': { key: 'rnd', path: 'rnd-projects', testIdStem: 'rnd' },
} as const satisfies Record<
  RegisterType,
  {
    /** Its segment under `/c/:committeeId/registers/` and its strings under `registers.<key>.`. */
    key: 'bilateral' | 'negotiations' | 'rnd';
    /** Its collection in the API: `/api/committees/:id/<path>` and `/api/<path>/:id`. */
    path: ExportableList;
    /** The stem of its test ids: `new-<stem>`, `<stem>-row`. */
    testIdStem: string;
  }
>;

/** What one register is: the rest (pages, hooks, form) follows from it. */
export interface RegisterDefinition<E extends RegisterType, C extends object> {
  /** Its record type: route, query keys and levelled fields come from the record tables. */
  type: E;
  /** Its form. */
  form: {
    /** The inputs, in the UI language (a hook: options may come from the server). */
    useFields: () => FieldSpec[];
    /** A new record's values and level. */
    newValues: () => FormValues;
    newClassification: Classification;
    /** The record's fields the form edits, by name (as in `useFields`). */
    names: readonly string[];
    /** A stored record as form values. Default: each of `names` as text. */
    valuesOf?: (record: EntityRecords[E]) => FormValues;
    /** The form's values as the API takes them, without the levels (added here). Default: each of `names`, as typed. */
    toBody?: (values: FormValues) => Partial<C>;
  };
}

const enc = encodeURIComponent;

/**
 * One register from its definition: its paths, its query hooks, its writes and the body its form
 * sends. The pages (`components/register-pages.tsx`, `components/register-list.tsx`) take the result.
 */
export function defineRegister<E extends RegisterType, C extends object>(definition: RegisterDefinition<E, C>) {
  type R = EntityRecords[E];
  const { type } = definition;
  const { key, path, testIdStem }: (typeof REGISTERS)[RegisterType] = REGISTERS[type];
  const live = CLIENT_RECORD_TYPES[type].live as { detailKey: (id: string) => QueryKey; listsKey: (committeeId: string) => QueryKey };
  const levelled = RECORD_TYPES[type].levelledFields;

  /** The body of a create, or of an edit without the fields withheld from the editor (their stored value stays). */
  const { names } = definition.form;
  /** The form's values as typed: every field the form edits. */
  const typed = (values: FormValues) => Object.fromEntries(names.map((name) => [name, values[name] ?? '']));
  const valuesOf =
    definition.form.valuesOf ??
    ((record: R) => {
      const fields = record as unknown as Record<string, unknown>;
      return Object.fromEntries(names.map((name) => [name, fields[name] == null ? '' : String(fields[name])]));
    });

  const toBody = ({ values, classification, levels }: RegisterFormSubmit, redacted: readonly string[] = []): C => {
    const body: Record<string, unknown> = {
      ...typed(values),
      ...definition.form.toBody?.(values),
      classification,
      fieldClassifications: levelsToWire(levels, levelled),
    };
    for (const field of redacted) delete body[field];
    return body as C;
  };

  const register = {
    ...definition,
    key,
    path,
    testIdStem,
    toBody,
    valuesOf,
    /** The register's list. */
    listPath: (committeeId: string) => `/c/${committeeId}/registers/${key}`,
    /** A record's page. */
    pagePath: (committeeId: string, id: string) => pageOf(type, committeeId, id) as string,
    /** The PATCH body of an edit: what changed, against the levels this editor may see. */
    changes: (record: R, submit: RegisterFormSubmit, clearance: Classification) =>
      ({
        version: record.version,
        ...changedOnly(
          { ...record, fieldClassifications: clearedLevels(record.fieldClassifications, clearance) },
          toBody(submit, record.redactedFields) as Record<string, unknown>,
        ),
      }) as Partial<C> & { version: number },
    useList(committeeId: string) {
      const api = useApi();
      return useQuery({
        queryKey: live.listsKey(committeeId),
        queryFn: () => readAll<R>(api, `/api/committees/${enc(committeeId)}/${path}`),
        enabled: Boolean(committeeId),
      });
    },
    useRecord(id: string, enabled = true) {
      const api = useApi();
      return useQuery({
        queryKey: live.detailKey(id),
        queryFn: () => api.get<R>(`/api/${path}/${enc(id)}`),
        enabled: Boolean(id) && enabled,
      });
    },
    useCreate(committeeId: string) {
      const api = useApi();
      return useWrite<C, R>(type, (body) => api.post<R>(`/api/committees/${enc(committeeId)}/${path}`, body));
    },
    useUpdate(id: string) {
      const api = useApi();
      return useWrite<Partial<C> & { version: number }, R>(type, (body) => api.patch<R>(`/api/${path}/${enc(id)}`, body));
    },
    useRemove(record: { id: string; committeeId: string }) {
      const api = useApi();
      return useRemove(type, record, (version) => api.delete(`/api/${path}/${enc(record.id)}`, { version }));
    },
    /** The record of the page at `:committeeId/…/:id`, or what to show instead (removed, missing, loading). */
    useRecordPage() {
      const { committeeId = '', id = '' } = useParams();
      const removed = useRemoved(type, id);
      const record = register.useRecord(id, !removed);
      const back = `/c/${committeeId}/registers/${key}`;
      const page = useRecordBlocker(record, removed, committeeId, back);
      return { committeeId, back, record: record.data, canEdit: canEditRegisters(page.committee?.role), ...page };
    },
  };
  return register;
}

/** A register as the pages use it. */
export type Register<E extends RegisterType = RegisterType, C extends object = object> = ReturnType<typeof defineRegister<E, C>>;
