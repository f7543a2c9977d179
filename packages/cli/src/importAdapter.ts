import type { SchemeImporter } from '@tokenchain/core';

/** The CLI depends on every adapter package, so it imports them itself, wherever it is run from. */
export const importAdapter: SchemeImporter = (name) => import(name);
