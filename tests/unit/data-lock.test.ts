import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { reportStartFailure } from '../../src-main/core';
import { DataDirLockedError, lockedMessage, networkShareReason } from '../../src-main/db/data-lock';
import { CORE_FATAL_EXIT } from '../../src-main/electron/channels';

describe('data folder on a network share', () => {
  it('Windows: UNC paths and mapped drives resolved to UNC are refused, local drives are not', () => {
    expect(networkShareReason('\\\\servidor\\dados\\balcao', 'win32', null)).toMatch(/\\\\servidor\\dados/);
    expect(networkShareReason('//servidor/dados/balcao', 'win32', null)).toMatch(/servidor/);
    expect(networkShareReason('Z:\\balcao', 'win32', null, '\\\\nas\\loja\\balcao')).toMatch(/\\\\nas\\loja/);
    expect(networkShareReason('\\\\?\\UNC\\nas\\loja\\x', 'win32', null)).toMatch(/\\\\nas\\loja/);
    expect(networkShareReason('C:\\Balcao\\dados', 'win32', null)).toBeNull();
    expect(networkShareReason('C:\\Balcao', 'win32', null, 'C:\\Balcao')).toBeNull();
    expect(networkShareReason('\\\\?\\C:\\Balcao', 'win32', null)).toBeNull();
  });

  it('Linux: NFS, SMB and CIFS are refused by statfs type; ext4, tmpfs, btrfs are not', () => {
    expect(networkShareReason('/mnt/nfs', 'linux', 0x6969)).toMatch(/NFS/);
    expect(networkShareReason('/mnt/smb', 'linux', 0x517b)).toMatch(/SMB/);
    expect(networkShareReason('/mnt/cifs', 'linux', 0xff534d42)).toMatch(/CIFS/);
    expect(networkShareReason('/mnt/cifs', 'linux', -11317950)).toMatch(/CIFS/); // signed 32-bit
    expect(networkShareReason('/mnt/smb2', 'linux', 0xfe534d42)).toMatch(/SMB2/);
    expect(networkShareReason('/home/loja', 'linux', 0xef53)).toBeNull();
    expect(networkShareReason('/tmp', 'linux', 0x01021994)).toBeNull();
    expect(networkShareReason('/srv', 'linux', 0x9123683e)).toBeNull();
    expect(networkShareReason('/srv', 'linux', null)).toBeNull();
  });

  it('says who holds the folder', () => {
    const here = os.hostname();
    expect(lockedMessage('/d', { hostname: here, pid: 42, startedAt: 'x' }, here)).toMatch(
      /O Balcão já está aberto neste computador \(processo 42\)/,
    );
    expect(lockedMessage('/d', { hostname: 'CAIXA-2', pid: 7, startedAt: 'x' }, here)).toMatch(
      /já está aberto pelo computador CAIXA-2/,
    );
  });
});

describe('a core in the desktop app that cannot start', () => {
  it('held folder: tells main why and exits with the code that stops restarts', async () => {
    const posted: unknown[] = [];
    const exits: number[] = [];
    const err = new DataDirLockedError('/dados', { hostname: os.hostname(), pid: 4242, startedAt: 'x' });
    reportStartFailure(err, { postMessage: (m) => posted.push(m) }, (code) => exits.push(code), 5);
    expect(posted).toEqual([{ type: 'fatal', message: err.message }]);
    expect(err.message).toMatch(/já está aberto neste computador/);
    expect(exits).toEqual([]); // not before the message had time to cross
    await new Promise((r) => setTimeout(r, 20));
    expect(exits).toEqual([CORE_FATAL_EXIT]);
  });

  it('any other failure: a plain exit the supervisor restarts, nothing posted', () => {
    const posted: unknown[] = [];
    const exits: number[] = [];
    reportStartFailure(new Error('porta em uso'), { postMessage: (m) => posted.push(m) }, (code) => exits.push(code));
    expect(posted).toEqual([]);
    expect(exits).toEqual([1]);
  });
});
