namespace Minimax.Contracts.Tests.Monitoring;

/// <summary>
/// The Prometheus names a dashboard may query: Minimax's instruments (issue 12, section 2, as the
/// OpenTelemetry Prometheus exporter writes them), Orleans' "Microsoft.Orleans" meter, the .NET 9+
/// System.Runtime meter (what OpenTelemetry.Instrumentation.Runtime reports on .NET 10), and the DCGM exporter's fields.
/// </summary>
public static class KnownMetricNames
{
    private static readonly string[] Minimax =
    [
        "minimax_jobs_active", "minimax_jobs_pending", "minimax_jobs_completed_total", "minimax_run_steps_total",
        "minimax_group_loss", "minimax_group_weight", "minimax_eval_accuracy", "minimax_eval_worst_group_accuracy",
        "minimax_gradient_bytes_total", "minimax_checkpoint_bytes_total",
        .. Histogram("minimax_run_step_duration_seconds"), .. Histogram("minimax_checkpoint_duration_seconds"),
    ];

    // Orleans' InstrumentNames (orleans-catalog-activations, ...): counters gain _total, "ms" and "bytes" histograms a unit suffix.
    private static readonly string[] Orleans =
    [
        "orleans_catalog_activations", "orleans_catalog_activation_created_total", "orleans_catalog_activation_destroyed_total",
        "orleans_directory_ring_size", "orleans_gateway_connected_clients", "orleans_reminders_active", "orleans_app_requests_timedout_total",
        "orleans_messaging_sent_failed_total", "orleans_messaging_rejected_total", "orleans_messaging_expired_total", "orleans_messaging_sent_local_total",
        .. Histogram("orleans_app_requests_latency_milliseconds"),
        .. Histogram("orleans_messaging_sent_messages_size_bytes"),
        .. Histogram("orleans_messaging_received_messages_size_bytes"),
    ];

    private static readonly string[] Runtime =
    [
        "dotnet_process_cpu_time_seconds_total", "dotnet_process_cpu_count", "dotnet_process_memory_working_set_bytes",
        "dotnet_gc_collections_total", "dotnet_gc_last_collection_heap_size_bytes", "dotnet_gc_pause_time_seconds_total",
        "dotnet_gc_heap_total_allocated_bytes_total", "dotnet_thread_pool_queue_length", "dotnet_thread_pool_thread_count",
        "dotnet_exceptions_total",
    ];

    // The DCGM exporter's default counters (default-counters.csv) and the profiling fields it offers.
    private static readonly string[] Dcgm =
    [
        "DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_MEM_COPY_UTIL", "DCGM_FI_DEV_ENC_UTIL", "DCGM_FI_DEV_DEC_UTIL",
        "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_FB_FREE", "DCGM_FI_DEV_POWER_USAGE", "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION",
        "DCGM_FI_DEV_GPU_TEMP", "DCGM_FI_DEV_MEMORY_TEMP", "DCGM_FI_DEV_SM_CLOCK", "DCGM_FI_DEV_MEM_CLOCK",
        "DCGM_FI_DEV_XID_ERRORS", "DCGM_FI_DEV_PCIE_REPLAY_COUNTER",
        "DCGM_FI_PROF_GR_ENGINE_ACTIVE", "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", "DCGM_FI_PROF_DRAM_ACTIVE",
        "DCGM_FI_PROF_PCIE_TX_BYTES", "DCGM_FI_PROF_PCIE_RX_BYTES",
    ];

    private static readonly HashSet<string> Names = new([.. Minimax, .. Orleans, .. Runtime, .. Dcgm], StringComparer.Ordinal);

    public static bool IsKnown(string name) => Names.Contains(name);

    private static string[] Histogram(string name) => [name + "_bucket", name + "_sum", name + "_count"];
}
