import CVips
import CVipsShim
import PipelineCore

/// Applies one plan step to an image (or tile). Every number comes from the pure geometry of
/// `PipelineCore` (`ResizeGeometry`, `CropPlacement`, `Tile`, `WatermarkPlacement`), resolved
/// against the image's own size, so tiles of different sizes each get their exact result.
struct PixelOperations {
    var output: OutputSettings
    var assets: WatermarkAssets?

    /// The images `step` makes of `tile`: one, or one per tile for a slice or grid. Each frame
    /// of an animation gets the same operation; where libvips would choose a crop by looking
    /// at the pixels (attention, entropy), an animation is cropped at the centre instead, so
    /// that its frames stay aligned.
    func apply(_ step: PlanStep, to tile: TileImage) throws(ImagingError) -> [TileImage] {
        var perFrame: [[(suffix: String, image: VipsImageRef)]] = []
        for frame in tile.frames {
            perFrame.append(try apply(step, to: frame, animated: tile.isAnimated))
        }
        return perFrame[0].indices.map { piece in
            TileImage(suffix: tile.suffix + perFrame[0][piece].suffix, frames: perFrame.map { $0[piece].image })
        }
    }

    private func apply(_ step: PlanStep, to image: VipsImageRef, animated: Bool) throws(ImagingError) -> [(suffix: String, image: VipsImageRef)] {
        let made: VipsImageRef
        switch step {
        case .resize(let geometry):
            made = try resize(image, animated ? geometry.centred : geometry)
        case .resizeUnresolved(let resize):
            let geometry = ResizeGeometry.resolve(resize, input: image.size)
            made = try self.resize(image, animated ? geometry.centred : geometry)
        case .crop(var crop):
            if animated, crop.gravity.isSmart { crop.gravity = .center }
            made = try self.crop(image, crop)
        case .rotate(.angle(let degrees, _)):
            made = try image.derive("rotating") { ip_rotate($0, Int32(degrees), $1) }
        case .rotate(.flip(let axis, _)):
            made = try image.derive("flipping") { ip_flip($0, axis == .horizontal ? 0 : 1, $1) }
        case .watermark(let watermark):
            made = try self.watermark(image, watermark)
        case .tiles(let cut):
            if let problem = Tile.problem(cut, input: image.size) {
                throw ImagingError(code: .operationNotApplicable, message: problem)
            }
            return try Tile.layout(cut, input: image.size).map { (piece) throws(ImagingError) -> (suffix: String, image: VipsImageRef) in
                let part = try image.derive("cutting a tile") {
                    ip_crop($0, Int32(piece.x), Int32(piece.y), Int32(piece.size.width), Int32(piece.size.height), $1)
                }
                return (piece.suffix, part)
            }
        case .grayscale:
            made = try image.derive("grayscale") { ip_grayscale($0, $1) }
        case .blur(let blur):
            made = try image.derive("blurring") { ip_blur($0, blur.sigma, $1) }
        case .sharpen(let sharpen):
            made = try image.derive("sharpening") { ip_sharpen($0, sharpen.sigma, sharpen.flat, sharpen.jagged, sharpen.threshold, $1) }
        case .compress, .convert:
            throw ImagingError(code: .processingFailed, message: "step \(step) cannot be applied to pixels")
        }
        return [("", made)]
    }

    func resize(_ image: VipsImageRef, _ geometry: ResizeGeometry) throws(ImagingError) -> VipsImageRef {
        if geometry.isIdentity { return image }
        var result = image
        let current = image.size
        if current != geometry.resample {
            result = try Self.resampled(result, to: geometry.resample, "resizing to \(geometry.resample)")
        }
        switch geometry.crop {
        case .fixed(let x, let y, let width, let height):
            result = try result.derive("cropping") { ip_crop($0, Int32(x), Int32(y), Int32(width), Int32(height), $1) }
        case .smart(let gravity, let width, let height):
            // Chosen on a preview of the image before resampling, so that only the window of
            // the resampled image is ever computed (libvips works on demand).
            let window = PixelSize(width: width, height: height)
            let (x, y) = try smartWindow(of: image, target: geometry.resample, window: window, gravity)
            result = try result.derive("cropping") { ip_crop($0, Int32(x), Int32(y), Int32(width), Int32(height), $1) }
        case nil:
            break
        }
        if let embed = geometry.embed {
            let bg = output.background
            result = try result.derive("padding") {
                ip_embed($0, Int32(embed.x), Int32(embed.y), Int32(embed.canvas.width), Int32(embed.canvas.height),
                         Int32(bg.red), Int32(bg.green), Int32(bg.blue), $1)
            }
        }
        return result
    }

    /// Where a smart crop puts a `window` cut out of `source` scaled to `target`: chosen by
    /// libvips on a preview of at most 512 × 512 pixels (`SmartCropPreview`), so the cost is
    /// bounded by the source's pixels and the preview's, never by the target's.
    private func smartWindow(of source: VipsImageRef, target: PixelSize, window: PixelSize,
                             _ gravity: Gravity) throws(ImagingError) -> (x: Int, y: Int) {
        let layout = SmartCropPreview(target: target, window: window)
        var preview = source
        if source.size != layout.preview {
            preview = try Self.resampled(source, to: layout.preview, "making the smart crop's preview")
        }
        // The measure reads the preview several times: compute it once.
        preview = try preview.materialized()
        var left: Int32 = 0, top: Int32 = 0
        guard ip_smartcrop_position(preview.pointer, Int32(layout.previewWindow.width), Int32(layout.previewWindow.height),
                                    gravity == .entropy ? 1 : 0, &left, &top) == 0 else {
            throw ImagingError(code: .processingFailed, message: "choosing the smart crop failed: \(Libvips.takeErrorMessage(source: preview.source))")
        }
        return layout.position(previewLeft: Int(left), previewTop: Int(top))
    }

    private func crop(_ image: VipsImageRef, _ crop: CropOutput) throws(ImagingError) -> VipsImageRef {
        let placement: CropPlacement
        switch CropPlacement.resolve(crop, input: image.size) {
        case .success(let found): placement = found
        case .failure(let error): throw ImagingError(code: .operationNotApplicable, message: error.message)
        }
        var result: VipsImageRef
        if placement.isSmart, placement.size != image.size {
            let (x, y) = try smartWindow(of: image, target: image.size, window: placement.size, crop.gravity)
            result = try image.derive("cropping") {
                ip_crop($0, Int32(x), Int32(y), Int32(placement.size.width), Int32(placement.size.height), $1)
            }
        } else if placement.size == image.size {
            result = image
        } else {
            result = try image.derive("cropping") {
                ip_crop($0, Int32(placement.x), Int32(placement.y), Int32(placement.size.width), Int32(placement.size.height), $1)
            }
        }
        if let circle = placement.circle {
            result = try result.derive("masking the circle") { ip_circle_mask($0, circle.centerX, circle.centerY, Double(circle.radius), $1) }
        }
        return result
    }

    private func watermark(_ image: VipsImageRef, _ watermark: WatermarkOutput) throws(ImagingError) -> VipsImageRef {
        guard let assets else {
            throw ImagingError(code: .watermarkUnreadable, message: "no watermark assets were given to the renderer")
        }
        var mark = try assets.mark(watermark.mark)
        let size = WatermarkPlacement.markSize(mark.size, scale: watermark.scale, image: image.size)
        if size != mark.size {
            mark = try Self.resampled(mark, to: size, "scaling the watermark")
        }
        if watermark.opacity < 1 {
            mark = try mark.derive("fading the watermark") { ip_fade($0, watermark.opacity, $1) }
        }
        let origin = WatermarkPlacement.origin(mark: size, image: image.size, gravity: watermark.gravity,
                                               offsetX: watermark.offsetX, offsetY: watermark.offsetY)
        let marked = try image.derive("drawing the watermark") { ip_composite($0, mark.pointer, Int32(origin.x), Int32(origin.y), $1) }
        return marked
    }

    /// `image` resampled (Lanczos 3, `ip_resize`) to exactly `size`; `what` names the step in
    /// an error.
    static func resampled(_ image: VipsImageRef, to size: PixelSize, _ what: String) throws(ImagingError) -> VipsImageRef {
        let current = image.size
        let made = try image.derive(what) {
            ip_resize($0, Double(size.width) / Double(current.width), Double(size.height) / Double(current.height), $1)
        }
        return made.size == size ? made : try exact(made, size)
    }

    /// Corrects a one-pixel rounding difference by cropping or edge-extending, so every
    /// output has exactly the computed size.
    static func exact(_ image: VipsImageRef, _ size: PixelSize) throws(ImagingError) -> VipsImageRef {
        let current = image.size
        guard abs(current.width - size.width) <= 2, abs(current.height - size.height) <= 2 else {
            throw ImagingError(code: .processingFailed, message: "libvips made \(current) where \(size) was computed")
        }
        var result = image
        if current.width > size.width || current.height > size.height {
            let width = min(current.width, size.width), height = min(current.height, size.height)
            result = try result.derive("trimming") { ip_crop($0, 0, 0, Int32(width), Int32(height), $1) }
        }
        if result.size != size {
            result = try result.derive("extending") { ip_embed($0, 0, 0, Int32(size.width), Int32(size.height), 0, 0, 0, $1) }
        }
        return result
    }
}
