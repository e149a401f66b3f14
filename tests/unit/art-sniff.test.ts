import { describe, expect, it } from 'vitest';
import { sniffArt, svgProblem } from '../../src-main/modules/art/sniff';
import { cleanName } from '../../src-main/modules/art/store';

const bytes = (text: string, pad = 64) => Buffer.concat([Buffer.from(text, 'latin1'), Buffer.alloc(pad)]);

describe('art formats by content', () => {
  it('knows what print shops send by its first bytes', () => {
    expect(sniffArt(bytes('%PDF-1.7\n'), 'arte.pdf')).toBe('pdf');
    expect(sniffArt(bytes('%PDF-1.5\n'), 'logo.AI')).toBe('ai'); // Illustrator saved PDF-compatible
    expect(sniffArt(bytes('%!PS-Adobe-3.0 EPSF-3.0\n'), 'logo.ai')).toBe('ai');
    expect(sniffArt(bytes('II*\0'), 'x.tif')).toBe('tiff');
    expect(sniffArt(bytes('MM\0*'), 'x.tiff')).toBe('tiff');
    expect(sniffArt(bytes('8BPS\0\x01'), 'camiseta.psd')).toBe('psd');
    expect(sniffArt(bytes('RIFF\0\0\0\0CDRXvrsn'), 'placa.cdr')).toBe('cdr');
    expect(sniffArt(bytes('PK\x03\x04'), 'placa.cdr')).toBe('cdr'); // CorelDRAW X4+ is a ZIP
    const bom = Buffer.from('\uFEFF <?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">', 'utf8');
    expect(sniffArt(bom, 'a.svg')).toBe('svg');
    expect(sniffArt(bytes('\xff\xd8\xff\xe0'), 'foto.jpg')).toBe('jpeg');
    expect(sniffArt(bytes('\x89PNG\r\n\x1a\n'), 'x.png')).toBe('png');
    expect(sniffArt(bytes('RIFF\0\0\0\0WEBPVP8 '), 'x.webp')).toBe('webp');
  });

  it('refuses what is not art, whatever its name says', () => {
    expect(sniffArt(bytes('MZ\x90\0'), 'arte.pdf')).toBeNull(); // a Windows executable renamed
    expect(sniffArt(bytes('PK\x03\x04'), 'arte.zip')).toBeNull(); // a ZIP is a CDR only by name
    expect(sniffArt(bytes('<html><body>oi</body></html>'), 'a.svg')).toBeNull();
    expect(sniffArt(bytes('#!/bin/sh\nrm -rf /'), 'a.pdf')).toBeNull();
    expect(sniffArt(Buffer.from('%P'), 'a.pdf')).toBeNull();
  });

  it('finds what makes an SVG unsafe', () => {
    const svg = (inner: string, attrs = '') => `<svg xmlns="http://www.w3.org/2000/svg"${attrs}>${inner}</svg>`;
    expect(svgProblem(svg('<rect width="1" height="1" fill="url(#g)"/>'))).toBeNull();
    expect(svgProblem(svg('<use href="#a"/><image href="data:image/png;base64,AAAA"/>'))).toBeNull();
    expect(svgProblem(svg('<script>alert(1)</script>'))).toBe('script');
    expect(svgProblem(svg('<rect/>', ' onload="x()"'))).toBe('script');
    expect(svgProblem(svg('<a href="javascript:alert(1)"><rect/></a>'))).toBe('script');
    expect(svgProblem(svg('<foreignObject><div/></foreignObject>'))).toBe('script');
    expect(svgProblem(svg('<image xlink:href="file:///etc/passwd"/>'))).toBe('external');
    expect(svgProblem(svg('<image href="https://evil.example/x.png"/>'))).toBe('external');
    expect(svgProblem(svg('<rect style="fill: url(https://x.example/a)"/>'))).toBe('external');
    expect(svgProblem(`<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>${svg('&x;')}`)).toBe('external');
  });

  it('keeps the name a file was sent with, without folders or control characters', () => {
    expect(cleanName('C:\\Users\\ana\\Arte final.pdf')).toBe('Arte final.pdf');
    expect(cleanName('../../etc/passwd')).toBe('passwd');
    expect(cleanName('a\u0000b\u001b.pdf')).toBe('ab.pdf');
    expect(cleanName('')).toBe('arte');
  });
});
