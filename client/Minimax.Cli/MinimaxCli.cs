using System.CommandLine;
using System.CommandLine.Invocation;
using Minimax.Cli.Data;
using Minimax.Client;
using Minimax.Client.Jobs;

namespace Minimax.Cli;

internal static class MinimaxCli
{
    public static async Task<int> InvokeAsync(string[] args)
    {
        var renderers = JobRenderers.Default;
        var root = new RootCommand("minimax: training runs, DoReMi mixtures, evaluations and hyperparameter sweeps on an Orleans cluster.")
        {
            RunCommand.Create(renderers),
            ClusterCommands.Submit(renderers),
            ClusterCommands.Watch(renderers),
            ClusterCommands.Get(renderers),
            ClusterCommands.Cancel(renderers),
            ClusterCommands.Delete(renderers),
            ClusterCommands.List(renderers),
            ClusterCommands.Status(),
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

        // Disposed in reverse: the command's span ends, then the exporter sends it.
        using var tracing = CliTracing.StartExport();
        using var command = CliTracing.StartCommand(parse.CommandResult.Command.Name);
        // Ctrl+C is handled by the commands themselves (Interrupt): `run` must cancel the job first.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
