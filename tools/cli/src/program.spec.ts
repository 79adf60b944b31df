import { buildProgram, commandPath, leafCommands } from './program';

describe('polytrader --help', () => {
  const program = buildProgram();
  const help = () => {
    let text = '';
    program.configureOutput({ writeOut: (s) => (text += s) });
    program.outputHelp();
    return text;
  };

  it('should list every command with an example', () => {
    const text = help();
    const leaves = leafCommands(program).map(commandPath);
    expect(leaves).toEqual(expect.arrayContaining(['status', 'markets', 'market', 'watch', 'kill', 'db optimize', 'config validate']));
    for (const name of leaves) expect({ name, listed: new RegExp(`^  ${name} +\\$ polytrader ${name}\\b`, 'm').test(text) }).toEqual({ name, listed: true });
  });

  it("should show the example in each command's own help", () => {
    for (const cmd of leafCommands(program)) {
      let text = '';
      cmd.configureOutput({ writeOut: (s) => (text += s) });
      cmd.outputHelp();
      expect({ name: commandPath(cmd), example: text.includes(`Example:\n  $ polytrader ${commandPath(cmd)}`) }).toEqual({ name: commandPath(cmd), example: true });
    }
  });

  it('should give every read and acting command a --gateway option', () => {
    for (const name of ['status', 'markets', 'market', 'signals', 'positions', 'trades', 'pnl', 'alerts', 'services', 'journal', 'calendar', 'logs', 'watch', 'kill', 'reset', 'reduce', 'collect', 'analyze']) {
      const cmd = program.commands.find((c) => c.name() === name);
      expect({ name, gateway: cmd?.options.some((o) => o.long === '--gateway') }).toEqual({ name, gateway: true });
    }
  });
});
