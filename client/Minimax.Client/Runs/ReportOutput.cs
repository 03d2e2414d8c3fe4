using Minimax.Client.Cli;
using Minimax.Contracts.Api;
using Spectre.Console;

namespace Minimax.Client.Runs;

/// <summary>Prints a final report (JSON or table) and picks the exit code from its status.</summary>
internal static class ReportOutput
{
    private const int RedirectedWidth = 120;

    /// <summary>A Spectre console on <paramref name="stdout"/>: plain text and a fixed width when it is redirected.</summary>
    public static IAnsiConsole ConsoleFor(TextWriter stdout)
    {
        var redirected = Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    public static int Finish(RunReport report, bool json, TextWriter stdout)
    {
        if (json)
        {
            ReportJson.Write(stdout, report);
        }
        else
        {
            ReportView.Write(ConsoleFor(stdout), report);
        }

        if (report.Status is "failed" or "cancelled")
        {
            var reason = report.Reason.Length > 0 ? $": {RpcFailure.OneLine(report.Reason)}" : "";
            Console.Error.WriteLine($"run {report.RunId} {report.Status}{reason}");
            return ExitCodes.Failed;
        }

        return ExitCodes.Completed;
    }
}
