import { readFileSync } from 'node:fs';

/**
 * CPU time used by this process and, on Linux, by another one (the server). On a 2-core machine
 * the load generator competes with the server for CPU, so the report says how much each used.
 */
export interface CpuSample {
  ownMs: number;
  otherMs: number | null;
}

export function sampleCpu(otherPid: number | undefined): CpuSample {
  const own = process.cpuUsage();
  return { ownMs: (own.user + own.system) / 1000, otherMs: otherPid === undefined ? null : linuxCpuMs(otherPid) };
}

export function cpuSince(start: CpuSample, otherPid: number | undefined): CpuSample {
  const end = sampleCpu(otherPid);
  const otherMs = end.otherMs === null || start.otherMs === null ? null : end.otherMs - start.otherMs;
  return { ownMs: Math.round(end.ownMs - start.ownMs), otherMs: otherMs === null ? null : Math.round(otherMs) };
}

/** utime + stime from /proc/<pid>/stat, in clock ticks of 10 ms (USER_HZ is 100 on Linux). */
function linuxCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; the fields after its ")" are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}
