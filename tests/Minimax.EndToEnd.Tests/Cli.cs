using System.Diagnostics;

namespace Minimax.EndToEnd.Tests;

/// <summary>Runs the real `minimax` CLI (minimax.dll beside the tests) as a child process.</summary>
public static class Cli
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <param name="environment">Variables to set for the child; a null value removes the variable.</param>
    public static async Task<Result> RunAsync(
        IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "minimax.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"minimax {string.Join(' ', arguments)} did not exit within {timeout}: {await stderr}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
