using System.Security.Cryptography;

namespace LineAgent.Agent.Attachments;

/// <summary>Receives one upload's bytes, hashing as it writes; never holds more than one chunk in memory.</summary>
public sealed class UploadWriter : IAsyncDisposable
{
    private readonly AttachmentStore _store;
    private readonly UploadSpec _spec;
    private readonly string _partPath;
    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _committed;

    internal UploadWriter(AttachmentStore store, string id, UploadSpec spec, string partPath)
    {
        _store = store;
        _spec = spec;
        _partPath = partPath;
        Id = id;
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        _file = new FileStream(partPath, fileOptions);
    }

    /// <summary>The id the upload gets when it completes.</summary>
    public string Id { get; }

    /// <summary>Bytes received so far.</summary>
    public long Received { get; private set; }

    /// <summary>Appends bytes. Returns false (writing nothing) when they would exceed the declared size.</summary>
    public async ValueTask<bool> WriteAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
    {
        if (Received + chunk.Length > _spec.SizeBytes)
            return false;
        _hash.AppendData(chunk.Span);
        await _file.WriteAsync(chunk, cancellationToken);
        Received += chunk.Length;
        return true;
    }

    /// <summary>
    /// Checks size and SHA-256 and, when both match, stores the file. Returns the problem otherwise
    /// (the bytes are then discarded on dispose).
    /// </summary>
    public async ValueTask<(StoredAttachment? Stored, string? SizeProblem, string? HashProblem)> CompleteAsync(CancellationToken cancellationToken)
    {
        await _file.FlushAsync(cancellationToken);
        await _file.DisposeAsync();
        if (Received != _spec.SizeBytes)
            return (null, $"declared {_spec.SizeBytes} bytes, received {Received}", null);
        var actual = Convert.ToHexStringLower(_hash.GetHashAndReset());
        if (!string.Equals(actual, _spec.Sha256, StringComparison.OrdinalIgnoreCase))
            return (null, null, $"the received content's SHA-256 is {actual}, not the declared {_spec.Sha256.ToLowerInvariant()}");
        var stored = _store.Commit(Id, _spec with { Sha256 = actual }, _partPath);
        _committed = true;
        return (stored, null, null);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _file.DisposeAsync();
            _hash.Dispose();
            if (!_committed)
                File.Delete(_partPath);
        }
        finally
        {
            _store.Ended(Id);
        }
    }
}
