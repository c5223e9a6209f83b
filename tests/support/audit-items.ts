import type { AuditItem, ItemKind } from '../../src/domain/item-audit/items';

/** Builds audit items for tests (test code only): `texts[0]` is the key unless `key` says otherwise. */
export function makeItem(
  group: string,
  id: string,
  texts: readonly string[],
  options: {
    key?: number;
    kind?: ItemKind;
    codes?: Record<string, number>[];
    rationale?: string[];
  } = {},
): AuditItem {
  const kind = options.kind ?? 'check';
  const key = options.key ?? 0;
  return {
    kind,
    group,
    file: `${group}.txt`,
    id,
    label: kind === 'check' ? `${group}#${id}` : `${group}/${id}`,
    path: [id],
    options: texts.map((text, index) => ({
      id: String.fromCharCode(97 + index),
      text,
      key: index === key,
      codes: options.codes?.[index] ?? {},
      rationale: options.rationale?.[index] ?? '',
      conditional: false,
      path: [id, index],
    })),
  };
}
