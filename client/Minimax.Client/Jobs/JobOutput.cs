using Minimax.Client.Connection;
using Minimax.Contracts.Api;

namespace Minimax.Client.Jobs;

/// <summary>Prints a job's report (JSON or tables) through its kind's renderer, writes --plots, and picks the exit code.</summary>
public static class JobOutput
{
    public static int Finish(JobReport report, OutputOptions output, TextWriter stdout, JobRenderers renderers)
    {
        if (renderers.Find(report.Kind) is not { } renderer)
        {
            Console.Error.WriteLine(renderers.Unknown(report.JobId, report.Kind));
            return ExitCodes.Failed;
        }

        if (output.Json)
        {
            JobJson.Write(stdout, JobJson.Format(report, renderer));
        }
        else
        {
            renderer.WriteReport(Terminal.ConsoleFor(stdout), report);
            if (report.TraceId.Length > 0)
            {
                stdout.WriteLine($"trace: {report.TraceId}");
            }
        }

        if (output.Plots is not null && renderer.PlotFiles.Count > 0)
        {
            WritePlots(renderer, report, output.Plots, output.Json ? Console.Error : stdout);
        }

        if (JobOutcome.IsUnsuccessful(report.Status))
        {
            var reason = report.Reason.Length > 0 ? $": {RpcFailure.OneLine(report.Reason)}" : "";
            Console.Error.WriteLine($"{renderer.Noun} {report.JobId} {report.Status}{reason}");
            return ExitCodes.Failed;
        }

        return ExitCodes.Completed;
    }

    /// <summary>Plots go beside the report: a plot that cannot be written is a warning, not a failed job.</summary>
    private static void WritePlots(IJobRenderer renderer, JobReport report, string directory, TextWriter notes)
    {
        try
        {
            foreach (var line in renderer.WritePlots(directory, report))
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
