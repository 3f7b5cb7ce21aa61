import { useEffect, useState } from 'react';
import { openDatabase } from '../db';
import { ensureSampleCase, getMeta } from '../db/repositories';
import { failureText, useTranslation } from '../i18n';
import { StorageTroubleDialog } from '../features/storage/StorageTroubleDialog';
import { NoticesProvider } from '../lib/notices';
import { ACTIVE_CASE_KEY } from './useActiveCase';
import { Workspace } from './Workspace';

type Boot = { state: 'loading' } | { state: 'ready'; initialCaseId: string | null } | { state: 'failed'; message: string };

/** Opens the database, seeds the sample case on first run, then shows the workspace. */
export function App() {
  const { t } = useTranslation();
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });

  useEffect(() => {
    let cancelled = false;
    (async () => {
      await openDatabase();
      const sampleId = await ensureSampleCase(async () => (await import('../features/sample/sampleCase')).buildSampleCase());
      const remembered = sampleId ?? (await getMeta<string>(ACTIVE_CASE_KEY)) ?? null;
      if (!cancelled) setBoot({ state: 'ready', initialCaseId: remembered });
    })().catch((error: unknown) => {
      if (!cancelled) setBoot({ state: 'failed', message: failureText(error) });
    });
    return () => {
      cancelled = true;
    };
  }, []);

  if (boot.state === 'failed') {
    return (
      <main className="boot-failed">
        <h1>{t('app.cannotOpen')}</h1>
        <p role="alert">{boot.message}</p>
      </main>
    );
  }
  if (boot.state === 'loading') {
    return (
      <main className="boot-loading" aria-busy="true">
        <p>{t('app.opening')}</p>
      </main>
    );
  }
  return (
    <NoticesProvider>
      <Workspace initialCaseId={boot.initialCaseId} />
      <StorageTroubleDialog />
    </NoticesProvider>
  );
}
