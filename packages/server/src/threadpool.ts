import { availableParallelism } from 'node:os';

/**
 * Threads for libuv's pool, where argon2id runs. libuv's default of four is more threads than a 2-core node
 * has cores, and argon2id is memory-hard: four 19 MiB hashes at once on two cores evict each other from the
 * cache and each takes a fifth longer (bench: 197 verifications/s with four threads, 234–243 with two). One
 * thread per core, at least two so a file read never waits behind a single hash; UV_THREADPOOL_SIZE set by an
 * operator wins. libuv reads the variable when its pool starts, and Node starts the pool while it loads the
 * entry module, before any of ours runs: so it is set where a node is launched (deploy/yuxin@.service, the
 * bench's and the cluster's nodes), and this is the figure they use.
 */
export function threadPoolSize(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
  const set = Number(env.UV_THREADPOOL_SIZE);
  return Number.isInteger(set) && set > 0 ? set : Math.max(2, cores);
}
