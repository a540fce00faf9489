// The list of workspaces (the registry database): the one place that opens it and reads or
// writes its records, for the engine's session and handlers.

import { RegistryDB, type WorkspaceInfo } from './databases';

let db: RegistryDB | null = null;
let onVersionChange: () => void = () => {};

function registry(): RegistryDB {
  return (db ??= new RegistryDB(undefined, () => onVersionChange()));
}

/** Who hears when another tab upgrades or deletes the registry (this tab must then reload). */
export function watchRegistry(handler: () => void): void {
  onVersionChange = handler;
}

/** Every workspace that can be opened (none being created or deleted), most recently changed first. */
export async function listWorkspaceInfos(): Promise<WorkspaceInfo[]> {
  return (await registry().workspaces.orderBy('updatedAt').reverse().toArray()).filter((w) => !w.pending);
}

/** Every entry, the pending ones too (for the clean-up of what a closed tab left). */
export function allWorkspaceInfos(): Promise<WorkspaceInfo[]> {
  return registry().workspaces.toArray();
}

export function getWorkspaceInfo(id: string): Promise<WorkspaceInfo | undefined> {
  return registry().workspaces.get(id);
}

export async function putWorkspaceInfo(info: WorkspaceInfo): Promise<void> {
  await registry().workspaces.put(info);
}

/** Changes some fields of a listed workspace (nothing when it is no longer listed), read and written in one transaction. */
export async function patchWorkspaceInfo(id: string, patch: Partial<WorkspaceInfo>): Promise<void> {
  const r = registry();
  await r.transaction('rw', r.workspaces, async () => {
    const stored = await r.workspaces.get(id);
    if (stored) await r.workspaces.put({ ...stored, ...patch, id });
  });
}

export async function deleteWorkspaceInfo(id: string): Promise<void> {
  await registry().workspaces.delete(id);
}
