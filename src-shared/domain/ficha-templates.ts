/** Which template an item's ficha follows when none was chosen (server and order page alike). */
export interface TemplateChoice {
  productionTypes: readonly string[];
  isDefault: boolean;
}

/**
 * A default template listing the item's production type, else any listing it, else the default for
 * every type (no types listed), else any for every type, else the first.
 */
export function pickTemplate<T extends TemplateChoice>(
  templates: readonly T[],
  productionType: string | null,
): T | null {
  const type = productionType?.toLowerCase() ?? null;
  const lists = (t: T) => type !== null && t.productionTypes.some((p) => p.toLowerCase() === type);
  return (
    templates.find((t) => t.isDefault && lists(t)) ??
    templates.find(lists) ??
    templates.find((t) => t.isDefault && t.productionTypes.length === 0) ??
    templates.find((t) => t.productionTypes.length === 0) ??
    templates[0] ??
    null
  );
}
