/**
 * The organization's OU tree: one root, OUs nested under it, every account in exactly one of them.
 * Built from each account's placement (the OU names from the root down; empty = directly under the
 * root), with ids shaped like AWS's (`r-` + 4 lowercase letters or digits; `ou-<root suffix>-` + 8)
 * and derived from the seed and the OU's path, so the same org always gets the same ids.
 */
import { hashString } from './prng.js';

/** The name AWS gives every organization root. */
export const ROOT_NAME = 'Root';

/** One organizational unit. */
export interface SimOu {
  id: string;
  name: string;
  /** The root's or another OU's id. */
  parentId: string;
}

/** The tree: the root, the OUs (each after its parent) and each account's parent. */
export interface SimOuTree {
  rootId: string;
  organizationalUnits: SimOu[];
  /** Account id → parent id (the root's or an OU's). */
  accountParents: Map<string, string>;
}

const hex8 = (text: string, seed: number): string => hashString(text, seed).toString(16).padStart(8, '0');

/** Builds the tree from `placements` (account id → OU names from the root down). */
export function buildOuTree(seed: number, placements: ReadonlyMap<string, readonly string[]>): SimOuTree {
  const rootSuffix = hex8('root', seed).slice(0, 4);
  const rootId = `r-${rootSuffix}`;
  const byPath = new Map<string, SimOu>();
  const used = new Set<string>();
  const organizationalUnits: SimOu[] = [];
  const accountParents = new Map<string, string>();
  for (const [accountId, names] of placements) {
    let parentId = rootId;
    let path = '';
    for (const name of names) {
      path += `/${name}`;
      let ou = byPath.get(path);
      if (!ou) {
        let id = `ou-${rootSuffix}-${hex8(path, seed)}`;
        for (let n = 1; used.has(id); n++) id = `ou-${rootSuffix}-${hex8(`${path}#${n}`, seed)}`;
        used.add(id);
        ou = { id, name, parentId };
        byPath.set(path, ou);
        organizationalUnits.push(ou);
      }
      parentId = ou.id;
    }
    accountParents.set(accountId, parentId);
  }
  return { rootId, organizationalUnits, accountParents };
}

/**
 * The OU path of a container as the report shows it: `Root`, then each OU's name down to it,
 * joined with `/` (`Root/Workloads/Prod`). The simulator's ground truth for plan mode.
 */
export function ouPathOf(
  tree: Pick<SimOuTree, 'rootId' | 'organizationalUnits'>,
  containerId: string,
): string {
  const byId = new Map(tree.organizationalUnits.map((ou) => [ou.id, ou]));
  const names: string[] = [];
  for (let id = containerId; id !== tree.rootId; ) {
    const ou = byId.get(id);
    if (!ou) throw new Error(`unknown OU ${id}`);
    names.unshift(ou.name);
    id = ou.parentId;
  }
  return [ROOT_NAME, ...names].join('/');
}
