import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { ImportJobStore, type ImportJobsSnapshot } from './importJobs';

const StoreContext = createContext<ImportJobStore | null>(null);

/** Holds the window's import jobs for as long as the app runs, whichever screen is showing. */
export function ImportJobsProvider({ children }: { readonly children: ReactNode }) {
  const [store] = useState(() => new ImportJobStore());
  useEffect(() => store.connect(), [store]);
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useImportJobStore(): ImportJobStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useImportJobStore needs an ImportJobsProvider above it');
  return store;
}

export function useImportJobs(): ImportJobsSnapshot {
  const store = useImportJobStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** A number that changes whenever an import has added to the case: a dependency for reading it again. */
export function useCaseRevision(): number {
  return useImportJobs().revision;
}
