using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Minimax.Benchmarks;

/// <summary>
/// What one TCP connection on 127.0.0.1 carries on this machine, right now: a sender writes
/// <c>totalBytes</c> in <c>writeBytes</c> writes, a receiver reads them all; bytes per second from the
/// first write to the last byte read. The exchange benchmark measures it in the same run as its steps,
/// so the bound it compares against saw the same machine load.
/// </summary>
public static class LoopbackBandwidth
{
    public const long DefaultTotalBytes = 256L << 20;
    public const int DefaultWriteBytes = 4 << 20;

    /// <summary>Median of <paramref name="repeats"/> transfers, in bytes per second.</summary>
    public static async Task<double> MedianBytesPerSecondAsync(int repeats = 3, long totalBytes = DefaultTotalBytes, int writeBytes = DefaultWriteBytes)
    {
        var samples = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            samples.Add(await BytesPerSecondAsync(totalBytes, writeBytes));
        }
        return Stats.Median(samples);
    }

    private static async Task<double> BytesPerSecondAsync(long totalBytes, int writeBytes)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var sender = new TcpClient { NoDelay = true };
        await sender.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var receiver = await listener.AcceptTcpClientAsync();

        var payload = new byte[writeBytes];
        Random.Shared.NextBytes(payload);
        var clock = Stopwatch.StartNew();
        var reading = Task.Run(() => ReadAllAsync(receiver.GetStream(), totalBytes, writeBytes));
        var stream = sender.GetStream();
        for (var sent = 0L; sent < totalBytes; sent += writeBytes)
        {
            await stream.WriteAsync(payload.AsMemory(0, (int)Math.Min(writeBytes, totalBytes - sent)));
        }
        await reading;
        return totalBytes / clock.Elapsed.TotalSeconds;
    }

    private static async Task ReadAllAsync(NetworkStream stream, long totalBytes, int bufferBytes)
    {
        var buffer = new byte[bufferBytes];
        for (var received = 0L; received < totalBytes;)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                throw new IOException($"loopback sender closed after {received} of {totalBytes} bytes");
            }
            received += read;
        }
    }
}
