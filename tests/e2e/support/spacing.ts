/**
 * Genuine joins of a word and an inline element in built or rendered HTML, by the excerpt the
 * spacing check reports (none yet: a plural after `<code>`, say, would go here with a reason).
 * Shared by the specs that run the check; a spec file cannot import another spec file.
 */
export const SPACING_ALLOWED: readonly string[] = [];
