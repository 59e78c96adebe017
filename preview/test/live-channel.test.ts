// Grafana Live's channel rules, as the preview's Live hub applies them before asking the plugin.
import { parseChannel } from '../server/live';

describe('parseChannel', () => {
  it.each([
    ['ds/eracing-telemetry/v1/fp2/7/10/-/speed', { uid: 'eracing-telemetry', path: 'v1/fp2/7/10/-/speed' }],
    ['ds/uid/a=b.c_d-e', { uid: 'uid', path: 'a=b.c_d-e' }],
  ])('reads %s', (channel, expected) => {
    expect(parseChannel(channel)).toEqual(expected);
  });

  it.each([
    ['grafana/dashboard/uid/x', /datasource channels/],
    ['plugin/testdata/random', /datasource channels/],
    ['ds/uid', /is not ds\/<uid>\/<path>/],
    ['ds/uid/with space', /is not ds\/<uid>\/<path>/],
    ['ds/uid/' + 'x'.repeat(160), /at most 160 characters/],
  ])('refuses %s', (channel, message) => {
    expect(parseChannel(channel)).toMatch(message);
  });
});
