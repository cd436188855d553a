import { call } from '../../api';
import { Refused } from '../../app/Refused';
import { useLoad } from '../../app/useLoad';
import { RegisterTable } from './RegisterTable';

/** The register (登记表): every request, decision, reading, copying, loan, return, scan and appraisal, newest first. */
export function RegisterTab() {
  const { data, error, loading } = useLoad(() => call('archives.register', { limit: 1000 }), []);
  return error ? <Refused error={error} /> : <RegisterTable lines={data ?? []} loading={loading} withItem />;
}
