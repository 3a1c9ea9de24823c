// Where a page gets its knowledge-bank engine: the client index fetched once
// (the browser keeps it and revalidates it with its ETag), the engine code
// loaded only when first needed (it is a separate chunk with the stemmers),
// and a new index taken in when the server says the content changed — the
// old engine keeps answering until the new one is ready.
import type { KnowledgeEngine } from './engine/engine';

export type IndexFetcher = () => Promise<unknown>;
export type EngineBuilder = (json: unknown) => Promise<KnowledgeEngine>;

/** Builds an engine from the index JSON, loading the engine code on first use. */
export const buildEngine: EngineBuilder = async (json) => {
  const [{ KnowledgeEngine }, { parseIndex }] = await Promise.all([import('./engine/engine'), import('./engine/index-data')]);
  return new KnowledgeEngine(parseIndex(json));
};

export class IndexSource {
  private ready: KnowledgeEngine | null = null;
  private loading: Promise<KnowledgeEngine> | null = null;
  private readonly listeners = new Set<(engine: KnowledgeEngine) => void>();

  constructor(
    private readonly fetchIndex: IndexFetcher,
    private readonly build: EngineBuilder = buildEngine,
  ) {}

  /** The version of the engine in use, or null before the first load. */
  get version(): string | null {
    return this.ready?.version ?? null;
  }

  /** The current engine; loads it on first use. A failed load is retried on the next call. */
  engine(): Promise<KnowledgeEngine> {
    if (this.ready) return Promise.resolve(this.ready);
    return this.load();
  }

  /** Starts loading now (e.g. when the search box gets focus), without waiting. */
  prefetch(): void {
    this.engine().catch(() => undefined);
  }

  /** The server announced content `version` (kb.changed): fetch it unless it is the one in use. */
  changed(version: string): void {
    const reload = (): void => {
      if (this.ready?.version !== version) this.load().catch(() => undefined);
    };
    // a load under way may be fetching the version before this one: look again once it is done
    if (this.loading) this.loading.then(reload, reload);
    else reload();
  }

  /** Called with each new engine after the first. Returns the unsubscribe. */
  onChange(listener: (engine: KnowledgeEngine) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private load(): Promise<KnowledgeEngine> {
    if (this.loading) return this.loading;
    const loading = (async () => {
      const engine = await this.build(await this.fetchIndex());
      const previous = this.ready;
      this.ready = engine;
      if (previous && previous.version !== engine.version) for (const l of this.listeners) l(engine);
      return engine;
    })();
    this.loading = loading;
    loading.then(
      () => {
        if (this.loading === loading) this.loading = null;
      },
      () => {
        if (this.loading === loading) this.loading = null;
      },
    );
    return loading;
  }
}
