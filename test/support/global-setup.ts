import type { TestProject } from 'vitest/node';
import type { Provider } from '../../src/db/target.js';
import { prepareTemplate } from './databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    provider: Provider;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  await prepareTemplate(project.config.provide.provider);
}
