import { describe, expect, it } from 'vitest';
import { JOBS } from '../../src-main/jobs/scheduler';
import { uiEn, uiPtBR } from '../../src-renderer/i18n/messages';

// Settings → Tarefas names every scheduled job by `jobs.name.<job>`: a job added to the scheduler
// without its label blanked the whole page.
describe('scheduled jobs on the Tarefas page', () => {
  it('every job has a name in Portuguese and in English', () => {
    const missing = JOBS.flatMap((job) =>
      [uiPtBR, uiEn]
        .filter((catalogue) => !(`jobs.name.${job.name}` in catalogue))
        .map((catalogue) => `${job.name} (${catalogue === uiEn ? 'en' : 'pt-BR'})`),
    );
    expect(missing).toEqual([]);
  });
});
