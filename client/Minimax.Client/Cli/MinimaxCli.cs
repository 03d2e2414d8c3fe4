using System.CommandLine;
using System.CommandLine.Invocation;
using Minimax.Client.Data;
using Minimax.Client.Runs;

namespace Minimax.Client.Cli;

internal static class MinimaxCli
{
    public static async Task<int> InvokeAsync(string[] args)
    {
        var root = new RootCommand("minimax: Group DRO training runs on an Orleans cluster.")
        {
            RunCommand.Create(),
            ClusterCommands.Submit(),
            ClusterCommands.Watch(),
            ClusterCommands.Get(),
            ClusterCommands.Cancel(),
            ClusterCommands.List(),
            DataCommand.Create(),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
            }

            await Console.Error.WriteLineAsync("Run 'minimax --help' for usage.");
            return ExitCodes.BadInput;
        }

        // Ctrl+C is handled by the commands themselves (Interrupt): `run` must cancel the run first.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
