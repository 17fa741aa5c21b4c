import { staffApi, type RegistryImportReport } from '../api/staff';
import SheetImportCard from '../components/SheetImportCard';
import StatusTag, { type Tone } from '../components/StatusTag';
import { useCitySetupT } from '../i18n/citysetup';

type Item = RegistryImportReport['items'][number];

const STATUS_TONE: Record<Item['status'], Tone> = { update: 'warn', unchanged: 'neutral' };

/**
 * The staff registry from one sheet, like the org tree: preview what changes for whom (or every row's
 * error), then import it all at once. Registry fields only: no account is made, no role granted.
 */
export default function StaffRegistryImportCard({ onApplied }: { onApplied: () => void }) {
  const tcs = useCitySetupT();
  return (
    <SheetImportCard<Item, RegistryImportReport>
      texts="registryImport"
      template={staffApi.registryTemplate}
      importSheet={staffApi.importRegistry}
      changesOf={(r) => r.counts.update}
      itemKey={(i) => `${i.username}-${i.row}`}
      onApplied={onApplied}
      itemColumns={[
        {
          title: tcs('registryImport.colPerson'),
          render: (_: unknown, i: Item) => `${i.name}（${i.username}）`,
        },
        {
          title: tcs('registryImport.colChanges'),
          render: (_: unknown, i: Item) =>
            i.changes.map((c) => tcs(`registryImport.field.${c}`)).join('、') +
            (i.schoolYear && (i.changes.includes('hours') || i.changes.includes('supervisionHours'))
              ? `（${i.schoolYear}）`
              : ''),
        },
        {
          title: tcs('registryImport.colStatus'),
          dataIndex: 'status',
          width: 100,
          render: (s: Item['status']) => (
            <StatusTag tone={STATUS_TONE[s]}>{tcs(`registryImport.status.${s}`)}</StatusTag>
          ),
        },
      ]}
    />
  );
}
