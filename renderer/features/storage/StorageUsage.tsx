import { useEffect, useState } from 'react';
import { describeBytes, useTranslation } from '../../i18n';
import { platform } from '../../platform';
import { onStorageTrouble } from './trouble';
import './storage.css';

let persistence: Promise<boolean | null> | null = null;

/**
 * Ask the browser to keep Casefile's data even when the disk runs low (once per
 * page). Only the browser build asks: the desktop app's storage is its own.
 */
export function requestPersistentStorage(): Promise<boolean | null> {
  persistence ??= (async () => {
    if (platform().shell !== 'web' || !navigator.storage?.persist) return null;
    try {
      return (await navigator.storage.persisted()) || (await navigator.storage.persist());
    } catch {
      return false;
    }
  })();
  return persistence;
}

interface Usage {
  usage: number;
  quota: number;
  persisted: boolean | null;
}

/**
 * The space Casefile's data takes on this device, under the case list, with
 * whether the browser has promised to keep it. Refreshed every half minute and
 * whenever storage runs into trouble.
 */
export function StorageUsage() {
  const { t } = useTranslation();
  const [usage, setUsage] = useState<Usage | null>(null);

  useEffect(() => {
    let live = true;
    const refresh = async () => {
      const persisted = await requestPersistentStorage();
      const estimate = await navigator.storage?.estimate?.().catch(() => null);
      if (live && estimate) setUsage({ usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, persisted });
    };
    void refresh();
    const timer = setInterval(() => void refresh(), 30_000);
    const unsubscribe = onStorageTrouble(() => void refresh());
    return () => {
      live = false;
      clearInterval(timer);
      unsubscribe();
    };
  }, []);

  if (!usage) return null;
  const share = usage.quota > 0 ? usage.usage / usage.quota : 0;
  return (
    <p className="storage-usage muted">
      {usage.quota > 0
        ? t(share >= 0.8 ? 'storage.usageFull' : 'storage.usageOf', { used: describeBytes(usage.usage), quota: describeBytes(usage.quota) })
        : t('storage.usage', { used: describeBytes(usage.usage) })}
      {usage.persisted === false ? ` ${t('storage.notKept')}` : usage.persisted ? ` ${t('storage.kept')}` : ''}
    </p>
  );
}
