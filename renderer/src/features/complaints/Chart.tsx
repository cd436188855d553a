import { useMemo } from 'react';
import { EChart } from '../../charts/EChart';

/** A small chart of counts: bars by default, a line for series over days. */
export function Chart({ data, kind = 'bar', height = 200, testId }: { data: { name: string; value: number }[]; kind?: 'bar' | 'line'; height?: number; testId?: string }) {
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 36, right: 12, top: 12, bottom: 28 },
    xAxis: { type: 'category', data: data.map((d) => d.name), axisLabel: { interval: kind === 'bar' ? 0 : 'auto', fontSize: 11 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: kind, data: data.map((d) => d.value), itemStyle: { color: '#1677ff' }, barMaxWidth: 36 }],
  }), [data, kind]);
  return <EChart option={option} height={height} testId={testId} />;
}
