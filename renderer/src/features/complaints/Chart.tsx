import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** A small echarts chart: bars by default, a line for series over days. */
export function Chart({ data, kind = 'bar', height = 200, testId }: { data: { name: string; value: number }[]; kind?: 'bar' | 'line'; height?: number; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 36, right: 12, top: 12, bottom: 28 },
      xAxis: { type: 'category', data: data.map((d) => d.name), axisLabel: { interval: kind === 'bar' ? 0 : 'auto', fontSize: 11 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: kind, data: data.map((d) => d.value), itemStyle: { color: '#1677ff' }, barMaxWidth: 36 }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [data, kind]);
  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} />;
}
