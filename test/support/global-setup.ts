import type { TestProject } from 'vitest/node';
import type { Provider } from '../../src/db/target.js';
import { dropTemplate, prepareTemplate, type Template } from './databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    provider: Provider;
    template: Template;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { provider } = project.config.provide;
  if (!provider) throw new Error(`project ${project.name} does not say which provider it tests`);
  const template = await prepareTemplate(provider);
  project.provide('template', template);
  return () => dropTemplate(template);
}
