import { ExportSection } from './ExportSection';
import { ImportSection } from './ImportSection';

export function CsvPanel() {
  return (
    <div className="stack" data-testid="csv-panel">
      <ExportSection />
      <ImportSection />
    </div>
  );
}
