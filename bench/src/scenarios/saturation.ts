/**
 * Saturation: the steady load, its rate raised step by step (×factor) until
 * the server tops out: it delivers less than 90% of what is offered, or p99
 * passes a second. The figure is the most deliveries per second any step saw.
 */
import { Fleet, Sender, sleep } from '../fleet';
import type { RunningServer } from '../launch';
import { peakRssMiB } from '../measure';
import type { ScenarioResult } from './scenario';
import { finishLoad, measureWindow, Window } from './window';

export interface SaturationOptions {
  users: number;
  groupSize: number;
  /** Offered deliveries per second of the first step. */
  startDeliveries: number;
  factor: number;
  maxSteps: number;
  stepWarmupSeconds: number;
  stepSeconds: number;
  drainSeconds: number;
}

export interface SaturationStep {
  offeredDeliveriesPerSecond: number;
  window: Window;
}

export function describeSaturation(o: SaturationOptions): string {
  return (
    `${o.users} users in groups of ${o.groupSize}; offered deliveries/s from ${o.startDeliveries}, ×${o.factor} per step ` +
    `(at most ${o.maxSteps} steps of ${o.stepWarmupSeconds} s + ${o.stepSeconds} s measured) until the server tops out`
  );
}

export async function runSaturation(server: RunningServer, o: SaturationOptions): Promise<ScenarioResult> {
  const fleet = await Fleet.create(server.baseUrls, o);
  await fleet.connect();
  const rateFor = (deliveries: number) => deliveries / (o.users * o.groupSize);
  const sender = new Sender(fleet, rateFor(o.startDeliveries));
  const steps: SaturationStep[] = [];
  for (let k = 0; k < o.maxSteps; k++) {
    const offered = o.startDeliveries * o.factor ** k;
    sender.setRate(rateFor(offered));
    await sleep(o.stepWarmupSeconds * 1000);
    const window = await measureWindow(server, fleet, o.stepSeconds);
    steps.push({ offeredDeliveriesPerSecond: offered, window });
    if (window.deliveriesPerSecond < 0.9 * offered || window.latency.p99 > 1000) break;
  }
  const correctness = await finishLoad(fleet, sender, o.drainSeconds);
  const peak = steps.reduce((best, step) => (step.window.deliveriesPerSecond > best.window.deliveriesPerSecond ? step : best));
  const toppedOut = steps.length < o.maxSteps;
  const warnings = toppedOut ? [] : [`never topped out within ${o.maxSteps} steps: raise --max-steps`];
  if (peak.window.generatorCpuPercent > 90) {
    warnings.push(`at the peak the generator used ${peak.window.generatorCpuPercent.toFixed(0)}% of its core: the peak may be the generator's`);
  }
  return {
    metrics: {
      'peak deliveries/s': peak.window.deliveriesPerSecond,
      'offered deliveries/s at peak': peak.offeredDeliveriesPerSecond,
      'server CPU % at peak': peak.window.serverCpuPercent,
      'server CPU µs/delivery at peak': peak.window.cpuMicrosPerDelivery,
      'latency p99 ms at peak': peak.window.latency.p99,
      'steps': steps.length,
      'peak RSS MiB (VmHWM)': peakRssMiB(server.pids),
      'generator CPU % at peak': peak.window.generatorCpuPercent,
    },
    correctness,
    warnings,
    details: {
      steps: steps.map((s) => ({
        offered: s.offeredDeliveriesPerSecond,
        delivered: s.window.deliveriesPerSecond,
        serverCpuPercent: s.window.serverCpuPercent,
        p99: s.window.latency.p99,
        generatorCpuPercent: s.window.generatorCpuPercent,
      })),
    },
  };
}
