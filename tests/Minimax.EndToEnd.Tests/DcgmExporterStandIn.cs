using System.Globalization;
using System.Net;
using System.Text;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// Stands in for NVIDIA's DCGM exporter, which needs a GPU and its driver: a loopback HTTP listener that serves
/// /metrics in the exporter's text format, with field names from its default counters (etc/default-counters.csv)
/// and the labels it puts on every sample (gpu, UUID, pci_bus_id, device, modelName, Hostname,
/// DCGM_FI_DRIVER_VERSION) for two GPUs of one node. It proves the GPU dashboard's queries against a real
/// Prometheus, not the exporter itself.
/// </summary>
public sealed class DcgmExporterStandIn : IAsyncDisposable
{
    public const string Hostname = "gpu-node-0";

    // name, type, help, value of GPU 0 (GPU 1 reports 1.5 times as much); help texts as default-counters.csv has them.
    private static readonly (string Name, string Type, string Help, double Value)[] Fields =
    [
        ("DCGM_FI_DEV_SM_CLOCK", "gauge", "SM clock frequency (in MHz).", 1410),
        ("DCGM_FI_DEV_MEM_CLOCK", "gauge", "Memory clock frequency (in MHz).", 1215),
        ("DCGM_FI_DEV_MEMORY_TEMP", "gauge", "Memory temperature (in C).", 38),
        ("DCGM_FI_DEV_GPU_TEMP", "gauge", "GPU temperature (in C).", 41),
        ("DCGM_FI_DEV_POWER_USAGE", "gauge", "Power draw (in W).", 87.5),
        ("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "counter", "Total energy consumption since boot (in mJ).", 123456789),
        ("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", "counter", "Total number of PCIe retries.", 0),
        ("DCGM_FI_DEV_GPU_UTIL", "gauge", "GPU utilization (in %).", 62),
        ("DCGM_FI_DEV_MEM_COPY_UTIL", "gauge", "Memory utilization (in %).", 23),
        ("DCGM_FI_DEV_ENC_UTIL", "gauge", "Encoder utilization (in %).", 0),
        ("DCGM_FI_DEV_DEC_UTIL", "gauge", "Decoder utilization (in %).", 0),
        ("DCGM_FI_DEV_XID_ERRORS", "gauge", "Value of the last XID error encountered.", 0),
        ("DCGM_FI_DEV_FB_FREE", "gauge", "Framebuffer memory free (in MiB).", 61234),
        ("DCGM_FI_DEV_FB_USED", "gauge", "Framebuffer memory used (in MiB).", 20134),
    ];

    private readonly HttpListener _listener;
    private readonly Task _serving;

    private DcgmExporterStandIn(HttpListener listener, int port)
    {
        _listener = listener;
        Address = $"127.0.0.1:{port}";
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>host:port, as a scrape target.</summary>
    public string Address { get; }

    public static DcgmExporterStandIn Start()
    {
        var port = Minimax.Testing.SiloProcess.FreePort();
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        return new DcgmExporterStandIn(listener, port);
    }

    public static string Exposition()
    {
        var text = new StringBuilder();
        foreach (var (name, type, help, value) in Fields)
        {
            text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
            for (var gpu = 0; gpu < 2; gpu++)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"{name}{{gpu=\"{gpu}\",UUID=\"GPU-5f0e3a1c-0000-4000-8000-00000000000{gpu}\",pci_bus_id=\"00000000:0{gpu + 1}:00.0\"," +
                    $"device=\"nvidia{gpu}\",modelName=\"NVIDIA H100 80GB HBM3\",Hostname=\"{Hostname}\",DCGM_FI_DRIVER_VERSION=\"550.54.15\"}} " +
                    $"{value * (1 + 0.5 * gpu)}\n");
            }
        }
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }

    private async Task ServeAsync()
    {
        var body = Encoding.UTF8.GetBytes(Exposition());
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var response = context.Response;
            response.StatusCode = context.Request.Url?.AbsolutePath == "/metrics" ? 200 : 404;
            response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            if (response.StatusCode == 200)
            {
                await response.OutputStream.WriteAsync(body);
            }
        }
    }
}
