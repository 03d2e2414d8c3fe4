using Minimax.Cli;

namespace Minimax.Client.Tests;

/// <summary>The real command line, invoked in-process with the console captured (tests in <see cref="ConsoleCollection"/>).</summary>
internal static class CliInvocation
{
    public static async Task<(int Code, ConsoleCapture Console)> InvokeAsync(params string[] args)
    {
        var console = new ConsoleCapture();
        try
        {
            return (await MinimaxCli.InvokeAsync(args), console);
        }
        finally
        {
            console.Dispose();
        }
    }
}
