import type { Command } from '../command.ts';
import { command as ask } from './ask/command.ts';
import { command as summary } from './summary/command.ts';
import { command as articles } from './articles/command.ts';
import { command as help } from './help/command.ts';
import { command as feeds } from './feeds/command.ts';

/** Every command the bot registers and answers (registration reads the same list). */
export const commands: readonly Command[] = [ask, summary, articles, feeds, help];
