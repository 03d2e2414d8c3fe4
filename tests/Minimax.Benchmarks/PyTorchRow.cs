using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Minimax.Benchmarks;

/// <summary>
/// A PyTorch row measured in the same run: a script under python/ (copied to the output folder) run as a
/// child process with the row's intra-op threads. The script times its own work (interpreter start and
/// <c>import torch</c> excluded) and prints one JSON object as its last line of output. The interpreter:
/// MINIMAX_BENCH_PYTHON if set, else the first of <c>python3</c> on PATH and Debian's own
/// <c>/usr/bin/python3</c> (where python3-torch installs) that can import torch.
/// </summary>
public static class PyTorchRow
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);
    private const string InterpreterVariable = "MINIMAX_BENCH_PYTHON";

    // The version, then the BLAS library a matrix product loaded (from the process's memory map; Linux).
    private const string ProbeScript = """
        import os, torch
        print(torch.__version__)
        torch.ones(64, 64) @ torch.ones(64, 64)
        try:
            print(" ".join(sorted({os.path.dirname(os.path.realpath(line.split()[-1])) for line in open("/proc/self/maps") if "blas" in line.split()[-1]})) or "none loaded")
        except OSError:
            print("unknown")
        """;
    private static readonly Lazy<Task<(string? Python, string? Version, string? Problem)>> Probe = new(ProbeAsync);

    /// <summary>Adds the row to <paramref name="rounds"/>, or a note saying why it is skipped when python3 cannot import torch.</summary>
    public static async Task<bool> AddAsync(Rounds rounds, string name, int threads, string script, IReadOnlyList<string> arguments, string resultField)
    {
        var (python, version, problem) = await Probe.Value;
        if (python is null)
        {
            rounds.Note($"{name}: skipped, {problem} (Debian: apt-get install python3-torch)");
            return false;
        }
        rounds.Note($"{name}: PyTorch {version} ({python} python/{script}, a child process timed by the script itself: interpreter start and import excluded)");
        rounds.Add(name, threads, async () => (await RunAsync(python, script, arguments, threads)).GetProperty(resultField).GetDouble());
        return true;
    }

    private static async Task<(string? Python, string? Version, string? Problem)> ProbeAsync()
    {
        var chosen = Environment.GetEnvironmentVariable(InterpreterVariable);
        string[] candidates = string.IsNullOrWhiteSpace(chosen) ? ["python3", "/usr/bin/python3"] : [chosen];
        var problems = new List<string>();
        foreach (var python in candidates)
        {
            try
            {
                var (exit, stdout, stderr) = await RunPythonAsync(python, ["-c", ProbeScript], threads: 1);
                if (exit == 0)
                {
                    var lines = stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    var blas = lines.Length > 1 ? lines[1] : "unknown";
                    // Debian's python3-torch links libblas.so.3, which is netlib's reference BLAS unless OpenBLAS is installed.
                    var slow = blas.Split(' ').Any(folder => folder.EndsWith("/blas", StringComparison.Ordinal)) ? ", the reference BLAS: many times slower; apt-get install libopenblas0-openmp" : "";
                    return (python, $"{lines.FirstOrDefault()}, BLAS {blas}{slow}", null);
                }
                problems.Add($"{python} -c \"import torch\" failed: {LastLine(stderr)}");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                problems.Add($"{python} could not be started: {e.Message}");
            }
        }
        return (null, null, string.Join("; ", problems));
    }

    private static async Task<JsonElement> RunAsync(string python, string script, IReadOnlyList<string> arguments, int threads)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "python", script);
        var (exit, stdout, stderr) = await RunPythonAsync(python, [path, .. arguments], threads);
        if (exit != 0)
        {
            throw new InvalidOperationException($"{python} {script} exited {exit}: {stderr}");
        }
        using var document = JsonDocument.Parse(LastLine(stdout));
        return document.RootElement.Clone();
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunPythonAsync(string python, IEnumerable<string> arguments, int threads)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Before libtorch starts its OpenMP runtime; the scripts also call torch.set_num_threads.
        var text = threads.ToString(CultureInfo.InvariantCulture);
        start.Environment["OMP_NUM_THREADS"] = text;
        start.Environment["MKL_NUM_THREADS"] = text;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{python} {string.Join(' ', start.ArgumentList)} ran longer than {Timeout}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(no output)";
}
