import type { Command } from '../command.ts';
import { command as ask } from './ask.ts';
import { command as summary } from './summary.ts';
import { command as articles } from './articles.ts';
import { command as help } from './help.ts';

/** Every command the bot registers and answers (registration reads the same list). */
export const commands: readonly Command[] = [ask, summary, articles, help];
