// Drive Witness reaper: a tiny detached process that outlives the launcher. When the launcher's
// process disappears without tearing down (Ctrl-C, kill -9, a crash), it stops what the launcher
// started and removes its temporary folders. Plain JavaScript so it starts in milliseconds.
// argv: <parentPid> <json: { pids: number[], pgPids: number[], dirs: string[] }>
import fs from 'node:fs';

const parent = Number(process.argv[2]);
const plan = JSON.parse(process.argv[3] ?? '{}');
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const stopAll = () => {
  for (const pid of plan.pids ?? []) if (alive(pid)) try { process.kill(pid, 'SIGTERM'); } catch {}
  // PostgreSQL: SIGINT is its "fast shutdown"; SIGKILL only if it does not go.
  for (const pid of plan.pgPids ?? []) if (alive(pid)) try { process.kill(pid, 'SIGINT'); } catch {}
  const deadline = Date.now() + 10_000;
  const finish = () => {
    const left = [...(plan.pids ?? []), ...(plan.pgPids ?? [])].filter(alive);
    if (left.length && Date.now() < deadline) return setTimeout(finish, 100);
    for (const pid of left) try { process.kill(pid, 'SIGKILL'); } catch {}
    for (const dir of plan.dirs ?? []) try { fs.rmSync(dir, { recursive: true, force: true }); } catch {}
    process.exit(0);
  };
  finish();
};
process.on('SIGTERM', () => process.exit(0)); // the launcher tore down itself: nothing to do
process.on('SIGINT', () => {}); // Ctrl-C reaches the whole group: outlive it to clean up
const watch = () => (alive(parent) ? setTimeout(watch, 250) : stopAll());
watch();
