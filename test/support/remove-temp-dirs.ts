// A setup file: after each test file, close what it left open and remove the temp folders it made.
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dirs';

afterAll(removeTempDirs);
