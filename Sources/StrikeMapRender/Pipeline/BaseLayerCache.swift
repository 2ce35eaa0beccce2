import Foundation
import StrikeMapGeo

/// The drawn basemap of maps that share a frame: the frames of a series, or a service's requests
/// for one extent and style. Shared between the threads rendering them. Bounded in bytes when
/// given a capacity (least recently used out first); a series keeps all of its few.
public final class BaseLayerCache: @unchecked Sendable {
    private final class Storage: @unchecked Sendable {
        let lock = NSLock()
        var images: [String: (image: ARGBImage, tick: UInt64)] = [:]
        var tick: UInt64 = 0
        var bytes = 0
        let capacity: Int?
        init(capacity: Int?) { self.capacity = capacity }
    }

    private let storage: Storage
    /// What, beyond the frame, the base depends on (a service: the document less its data).
    private let scope: String

    public init(capacityBytes: Int? = nil) {
        storage = Storage(capacity: capacityBytes)
        scope = ""
    }

    private init(storage: Storage, scope: String) {
        self.storage = storage
        self.scope = scope
    }

    /// A view of the same images for maps whose base also depends on `scope` (their style,
    /// layers and page): maps of other scopes never see its images.
    public func scoped(_ scope: String) -> BaseLayerCache { BaseLayerCache(storage: storage, scope: scope) }

    /// The images held, and their bytes (for a service's metrics and tests).
    public var usage: (count: Int, bytes: Int) {
        storage.lock.lock(); defer { storage.lock.unlock() }
        return (storage.images.count, storage.bytes)
    }

    /// The key of a base: the canvas, the map frame on it, and the extent and projection drawn there.
    static func key(_ r: CanvasRect, _ w: Int, _ h: Int, region: Region) -> String {
        let b = region.bbox
        return String(format: "%d:%d:%.3f:%.3f:%.3f:%.3f:%.6f:%.6f:%.6f:%.6f:", w, h, r.x, r.y, r.width, r.height,
                      b.west, b.south, b.east, b.north) + region.projectionDefinition
    }

    func image(for key: String) -> ARGBImage? {
        let s = storage, k = scope + "\n" + key
        s.lock.lock(); defer { s.lock.unlock() }
        guard var e = s.images[k] else { return nil }
        s.tick += 1
        e.tick = s.tick
        s.images[k] = e
        return e.image
    }

    func store(_ image: ARGBImage, for key: String) {
        let s = storage, k = scope + "\n" + key
        let size = image.width * image.height * 4
        s.lock.lock(); defer { s.lock.unlock() }
        if let capacity = s.capacity, size > capacity { return }
        guard s.images[k] == nil else { return }
        s.tick += 1
        s.images[k] = (image, s.tick)
        s.bytes += size
        if let capacity = s.capacity, s.bytes > capacity {
            for (old, e) in s.images.sorted(by: { $0.value.tick < $1.value.tick }) {
                guard s.bytes > capacity else { break }
                s.images[old] = nil
                s.bytes -= e.image.width * e.image.height * 4
            }
        }
    }
}
