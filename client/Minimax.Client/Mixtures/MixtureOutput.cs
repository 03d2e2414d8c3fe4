using Minimax.Client.Cli;
using Minimax.Client.Runs;
using Minimax.Contracts.Api;

namespace Minimax.Client.Mixtures;

/// <summary>Prints a mixture report (JSON or tables), writes --plots, and picks the exit code from its status.</summary>
internal static class MixtureOutput
{
    public static int Finish(MixtureReport report, bool json, TextWriter stdout, string? plots)
    {
        if (json)
        {
            MixtureJson.Write(stdout, report);
        }
        else
        {
            MixtureView.Write(ReportOutput.ConsoleFor(stdout), report);
        }

        if (plots is not null)
        {
            WritePlots(report, plots, json ? Console.Error : stdout);
        }

        if (report.Status is "failed" or "cancelled")
        {
            var reason = report.Reason.Length > 0 ? $": {RpcFailure.OneLine(report.Reason)}" : "";
            Console.Error.WriteLine($"mixture {report.JobId} {report.Status}{reason}");
            return ExitCodes.Failed;
        }

        return ExitCodes.Completed;
    }

    /// <summary>Plots go beside the report: a plot that cannot be written is a warning, not a failed job.</summary>
    private static void WritePlots(MixtureReport report, string directory, TextWriter notes)
    {
        try
        {
            foreach (var line in MixturePlots.Write(directory, report))
            {
                notes.WriteLine($"plot: {line}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException
                                      or DllNotFoundException or TypeInitializationException)
        {
            Console.Error.WriteLine($"warning: --plots: {RpcFailure.OneLine(e.Message)}");
        }
    }
}
