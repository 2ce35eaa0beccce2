import CGDAL
import Foundation
@preconcurrency import Glibc
import StrikeMapCore

/// GDAL's C functions, looked up with dlsym in the library opened on first use. GDAL and its
/// ~100 dependent libraries cost about 21 ms at process start when linked; maps drawn from the
/// shipped basemap never need them.
struct GDALLibrary: @unchecked Sendable {
    let CPLErrorReset: SM_CPLErrorReset
    let CPLSetConfigOption: SM_CPLSetConfigOption
    let CPLGetLastErrorMsg: SM_CPLGetLastErrorMsg
    let CPLSetErrorHandler: SM_CPLSetErrorHandler
    let CPLQuietErrorHandler: SM_CPLQuietErrorHandler
    let GDALAllRegister: SM_GDALAllRegister
    let GDALClose: SM_GDALClose
    let GDALDatasetGetLayer: SM_GDALDatasetGetLayer
    let GDALDatasetGetLayerCount: SM_GDALDatasetGetLayerCount
    let GDALOpenEx: SM_GDALOpenEx
    let OCTDestroyCoordinateTransformation: SM_OCTDestroyCoordinateTransformation
    let OCTNewCoordinateTransformation: SM_OCTNewCoordinateTransformation
    let OGR_F_Destroy: SM_OGR_F_Destroy
    let OGR_F_GetFieldAsString: SM_OGR_F_GetFieldAsString
    let OGR_F_GetFieldCount: SM_OGR_F_GetFieldCount
    let OGR_F_GetFieldDefnRef: SM_OGR_F_GetFieldDefnRef
    let OGR_F_GetGeometryRef: SM_OGR_F_GetGeometryRef
    let OGR_F_IsFieldSetAndNotNull: SM_OGR_F_IsFieldSetAndNotNull
    let OGR_Fld_GetNameRef: SM_OGR_Fld_GetNameRef
    let OGR_GT_Flatten: SM_OGR_GT_Flatten
    let OGR_G_AddGeometryDirectly: SM_OGR_G_AddGeometryDirectly
    let OGR_G_AddPoint_2D: SM_OGR_G_AddPoint_2D
    let OGR_G_CreateGeometry: SM_OGR_G_CreateGeometry
    let OGR_G_DestroyGeometry: SM_OGR_G_DestroyGeometry
    let OGR_G_GetGeometryCount: SM_OGR_G_GetGeometryCount
    let OGR_G_GetGeometryRef: SM_OGR_G_GetGeometryRef
    let OGR_G_GetGeometryType: SM_OGR_G_GetGeometryType
    let OGR_G_GetPointCount: SM_OGR_G_GetPointCount
    let OGR_G_GetPoints: SM_OGR_G_GetPoints
    let OGR_G_GetX: SM_OGR_G_GetX
    let OGR_G_GetY: SM_OGR_G_GetY
    let OGR_G_Intersection: SM_OGR_G_Intersection
    let OGR_G_Transform: SM_OGR_G_Transform
    let OGR_G_Within: SM_OGR_G_Within
    let OGR_L_GetName: SM_OGR_L_GetName
    let OGR_L_GetNextFeature: SM_OGR_L_GetNextFeature
    let OGR_L_GetSpatialRef: SM_OGR_L_GetSpatialRef
    let OGR_L_ResetReading: SM_OGR_L_ResetReading
    let OGR_L_SetAttributeFilter: SM_OGR_L_SetAttributeFilter
    let OGR_L_SetSpatialFilter: SM_OGR_L_SetSpatialFilter
    let OGR_L_SetSpatialFilterRect: SM_OGR_L_SetSpatialFilterRect
    let OSRClone: SM_OSRClone
    let OSRDestroySpatialReference: SM_OSRDestroySpatialReference
    let OSRIsGeographic: SM_OSRIsGeographic
    let OSRIsSame: SM_OSRIsSame
    let OSRNewSpatialReference: SM_OSRNewSpatialReference
    let OSRSetAxisMappingStrategy: SM_OSRSetAxisMappingStrategy
    let OSRSetWellKnownGeogCS: SM_OSRSetWellKnownGeogCS
    let GDALGetRasterXSize: SM_GDALGetRasterXSize
    let GDALGetRasterYSize: SM_GDALGetRasterYSize
    let GDALGetRasterCount: SM_GDALGetRasterCount
    let GDALGetGeoTransform: SM_GDALGetGeoTransform
    let GDALGetProjectionRef: SM_GDALGetProjectionRef
    let GDALGetRasterBand: SM_GDALGetRasterBand
    let GDALGetRasterDataType: SM_GDALGetRasterDataType
    let GDALGetRasterNoDataValue: SM_GDALGetRasterNoDataValue
    let GDALRasterIOEx: SM_GDALRasterIOEx

    /// The loaded library, or why it could not be loaded.
    static let shared: Result<GDALLibrary, GeoError> = load()

    private static func load() -> Result<GDALLibrary, GeoError> {
        let names = ["libgdal.so"] + (28...40).reversed().map { "libgdal.so.\($0)" }
        guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_GLOBAL) }).first else {
            return .failure(.vectorOpen(path: "libgdal", message: "GDAL is not installed; run: apt-get install libgdal-dev"))
        }
        func sym<T>(_ name: String, _ type: T.Type) throws(GeoError) -> T {
            guard let p = dlsym(handle, name) else {
                throw .vectorOpen(path: "libgdal", message: "this GDAL lacks \(name)")
            }
            return unsafeBitCast(p, to: type)
        }
        do throws(GeoError) {
            return .success(GDALLibrary(
                CPLErrorReset: try sym("CPLErrorReset", SM_CPLErrorReset.self),
                CPLSetConfigOption: try sym("CPLSetConfigOption", SM_CPLSetConfigOption.self),
                CPLGetLastErrorMsg: try sym("CPLGetLastErrorMsg", SM_CPLGetLastErrorMsg.self),
                CPLSetErrorHandler: try sym("CPLSetErrorHandler", SM_CPLSetErrorHandler.self),
                CPLQuietErrorHandler: try sym("CPLQuietErrorHandler", SM_CPLQuietErrorHandler.self),
                GDALAllRegister: try sym("GDALAllRegister", SM_GDALAllRegister.self),
                GDALClose: try sym("GDALClose", SM_GDALClose.self),
                GDALDatasetGetLayer: try sym("GDALDatasetGetLayer", SM_GDALDatasetGetLayer.self),
                GDALDatasetGetLayerCount: try sym("GDALDatasetGetLayerCount", SM_GDALDatasetGetLayerCount.self),
                GDALOpenEx: try sym("GDALOpenEx", SM_GDALOpenEx.self),
                OCTDestroyCoordinateTransformation: try sym("OCTDestroyCoordinateTransformation", SM_OCTDestroyCoordinateTransformation.self),
                OCTNewCoordinateTransformation: try sym("OCTNewCoordinateTransformation", SM_OCTNewCoordinateTransformation.self),
                OGR_F_Destroy: try sym("OGR_F_Destroy", SM_OGR_F_Destroy.self),
                OGR_F_GetFieldAsString: try sym("OGR_F_GetFieldAsString", SM_OGR_F_GetFieldAsString.self),
                OGR_F_GetFieldCount: try sym("OGR_F_GetFieldCount", SM_OGR_F_GetFieldCount.self),
                OGR_F_GetFieldDefnRef: try sym("OGR_F_GetFieldDefnRef", SM_OGR_F_GetFieldDefnRef.self),
                OGR_F_GetGeometryRef: try sym("OGR_F_GetGeometryRef", SM_OGR_F_GetGeometryRef.self),
                OGR_F_IsFieldSetAndNotNull: try sym("OGR_F_IsFieldSetAndNotNull", SM_OGR_F_IsFieldSetAndNotNull.self),
                OGR_Fld_GetNameRef: try sym("OGR_Fld_GetNameRef", SM_OGR_Fld_GetNameRef.self),
                OGR_GT_Flatten: try sym("OGR_GT_Flatten", SM_OGR_GT_Flatten.self),
                OGR_G_AddGeometryDirectly: try sym("OGR_G_AddGeometryDirectly", SM_OGR_G_AddGeometryDirectly.self),
                OGR_G_AddPoint_2D: try sym("OGR_G_AddPoint_2D", SM_OGR_G_AddPoint_2D.self),
                OGR_G_CreateGeometry: try sym("OGR_G_CreateGeometry", SM_OGR_G_CreateGeometry.self),
                OGR_G_DestroyGeometry: try sym("OGR_G_DestroyGeometry", SM_OGR_G_DestroyGeometry.self),
                OGR_G_GetGeometryCount: try sym("OGR_G_GetGeometryCount", SM_OGR_G_GetGeometryCount.self),
                OGR_G_GetGeometryRef: try sym("OGR_G_GetGeometryRef", SM_OGR_G_GetGeometryRef.self),
                OGR_G_GetGeometryType: try sym("OGR_G_GetGeometryType", SM_OGR_G_GetGeometryType.self),
                OGR_G_GetPointCount: try sym("OGR_G_GetPointCount", SM_OGR_G_GetPointCount.self),
                OGR_G_GetPoints: try sym("OGR_G_GetPoints", SM_OGR_G_GetPoints.self),
                OGR_G_GetX: try sym("OGR_G_GetX", SM_OGR_G_GetX.self),
                OGR_G_GetY: try sym("OGR_G_GetY", SM_OGR_G_GetY.self),
                OGR_G_Intersection: try sym("OGR_G_Intersection", SM_OGR_G_Intersection.self),
                OGR_G_Transform: try sym("OGR_G_Transform", SM_OGR_G_Transform.self),
                OGR_G_Within: try sym("OGR_G_Within", SM_OGR_G_Within.self),
                OGR_L_GetName: try sym("OGR_L_GetName", SM_OGR_L_GetName.self),
                OGR_L_GetNextFeature: try sym("OGR_L_GetNextFeature", SM_OGR_L_GetNextFeature.self),
                OGR_L_GetSpatialRef: try sym("OGR_L_GetSpatialRef", SM_OGR_L_GetSpatialRef.self),
                OGR_L_ResetReading: try sym("OGR_L_ResetReading", SM_OGR_L_ResetReading.self),
                OGR_L_SetAttributeFilter: try sym("OGR_L_SetAttributeFilter", SM_OGR_L_SetAttributeFilter.self),
                OGR_L_SetSpatialFilter: try sym("OGR_L_SetSpatialFilter", SM_OGR_L_SetSpatialFilter.self),
                OGR_L_SetSpatialFilterRect: try sym("OGR_L_SetSpatialFilterRect", SM_OGR_L_SetSpatialFilterRect.self),
                OSRClone: try sym("OSRClone", SM_OSRClone.self),
                OSRDestroySpatialReference: try sym("OSRDestroySpatialReference", SM_OSRDestroySpatialReference.self),
                OSRIsGeographic: try sym("OSRIsGeographic", SM_OSRIsGeographic.self),
                OSRIsSame: try sym("OSRIsSame", SM_OSRIsSame.self),
                OSRNewSpatialReference: try sym("OSRNewSpatialReference", SM_OSRNewSpatialReference.self),
                OSRSetAxisMappingStrategy: try sym("OSRSetAxisMappingStrategy", SM_OSRSetAxisMappingStrategy.self),
                OSRSetWellKnownGeogCS: try sym("OSRSetWellKnownGeogCS", SM_OSRSetWellKnownGeogCS.self),
                GDALGetRasterXSize: try sym("GDALGetRasterXSize", SM_GDALGetRasterXSize.self),
                GDALGetRasterYSize: try sym("GDALGetRasterYSize", SM_GDALGetRasterYSize.self),
                GDALGetRasterCount: try sym("GDALGetRasterCount", SM_GDALGetRasterCount.self),
                GDALGetGeoTransform: try sym("GDALGetGeoTransform", SM_GDALGetGeoTransform.self),
                GDALGetProjectionRef: try sym("GDALGetProjectionRef", SM_GDALGetProjectionRef.self),
                GDALGetRasterBand: try sym("GDALGetRasterBand", SM_GDALGetRasterBand.self),
                GDALGetRasterDataType: try sym("GDALGetRasterDataType", SM_GDALGetRasterDataType.self),
                GDALGetRasterNoDataValue: try sym("GDALGetRasterNoDataValue", SM_GDALGetRasterNoDataValue.self),
                GDALRasterIOEx: try sym("GDALRasterIOEx", SM_GDALRasterIOEx.self)
            ))
        } catch {
            return .failure(error)
        }
    }
}
