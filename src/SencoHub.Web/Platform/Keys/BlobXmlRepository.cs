using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace SencoHub.Web.Platform.Keys;

/// <summary>
/// The data-protection key ring as one XML blob. Every instance of the app reads it; a new key is
/// appended with an ETag condition, so two instances writing at once never lose each other's key.
/// </summary>
public sealed class BlobXmlRepository(BlobClient blob) : IXmlRepository
{
    private const int MaxAttempts = 30;

    public IReadOnlyCollection<XElement> GetAllElements() =>
        Read().Document?.Root?.Elements().ToList() ?? [];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        for (var attempt = 1; ; attempt++)
        {
            var (document, etag) = Read();
            document ??= new XDocument(new XElement("repository"));
            document.Root!.Add(new XElement(element));
            var conditions = etag is { } current ? new BlobRequestConditions { IfMatch = current } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                blob.Upload(BinaryData.FromString(document.ToString(SaveOptions.DisableFormatting)), new BlobUploadOptions
                {
                    Conditions = conditions,
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/xml; charset=utf-8" },
                });
                return;
            }
            catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound && attempt < MaxAttempts)
            {
                blob.GetParentBlobContainerClient().CreateIfNotExists();
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another instance stored a key since this one read the blob: read it again, after a
                // short random pause so instances that collided do not collide again.
                Thread.Sleep(Random.Shared.Next(5, 20 * Math.Min(attempt, 10)));
            }
        }
    }

    private (XDocument? Document, ETag? ETag) Read()
    {
        try
        {
            var content = blob.DownloadContent().Value;
            return (XDocument.Parse(content.Content.ToString()), content.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (null, null);
        }
    }
}
