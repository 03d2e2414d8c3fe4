using System.Diagnostics;

namespace Minimax.Testing;

/// <summary>A command the test setup runs to its end (npm, apt-get, dpkg, promtool), with what it printed for error messages.</summary>
public static class ExternalCommand
{
    /// <summary>Runs <paramref name="file"/>; its exit code and stdout then stderr. Killed, with a TimeoutException, when cancelled.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var (exitCode, output, errors) = await RunSeparatelyAsync(file, arguments, workingDirectory, cancellationToken);
        return (exitCode, output + errors);
    }

    /// <summary>As <see cref="RunAsync"/>, with stdout (what the command produces) apart from stderr (what it says about it).</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunSeparatelyAsync(
        string file, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{file} {string.Join(' ', arguments)}' in {workingDirectory} did not finish in time: {await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
