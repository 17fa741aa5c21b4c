import { orgApi, type OrgImportReport } from '../api/org';
import SheetImportCard from '../components/SheetImportCard';
import StatusTag, { type Tone } from '../components/StatusTag';
import { useCitySetupT } from '../i18n/citysetup';

type Item = OrgImportReport['items'][number];

const STATUS_TONE: Record<Item['status'], Tone> = { create: 'good', update: 'warn', exists: 'neutral' };

/**
 * The org tree from one sheet, like the roster: preview what will be created and what exists (or every
 * row's error), then import it all at once. `onApplied` refreshes the tree.
 */
export default function OrgImportCard({ onApplied }: { onApplied: () => void }) {
  const tcs = useCitySetupT();
  return (
    <SheetImportCard<Item, OrgImportReport>
      texts="orgImport"
      template={orgApi.importTemplate}
      importSheet={orgApi.importSheet}
      changesOf={(r) => r.counts.create + r.counts.update}
      itemKey={(i) => `${i.kind}-${i.path}-${i.row}`}
      onApplied={onApplied}
      itemColumns={[
        {
          title: tcs('orgImport.colKind'),
          dataIndex: 'kind',
          width: 140,
          render: (k: Item['kind']) => tcs(`orgImport.kind.${k}`),
        },
        {
          title: tcs('orgImport.colPath'),
          render: (_: unknown, i: Item) => (i.value ? `${i.path} → ${i.value}` : i.path),
        },
        {
          title: tcs('orgImport.colStatus'),
          dataIndex: 'status',
          width: 100,
          render: (s: Item['status']) => <StatusTag tone={STATUS_TONE[s]}>{tcs(`orgImport.status.${s}`)}</StatusTag>,
        },
      ]}
    />
  );
}
