import type { TestProject } from 'vitest/node';
import type { Provider } from '../../src/db/target.js';
import { prepareTemplate } from './databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    provider: Provider;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const { provider } = project.config.provide;
  if (!provider) throw new Error(`project ${project.name} does not say which provider it tests`);
  await prepareTemplate(provider);
}
